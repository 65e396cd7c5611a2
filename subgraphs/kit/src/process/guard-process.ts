import type { Logger } from '../log/logger.ts';

/**
 * Last-resort handlers for a service process. A promise rejected with nobody listening is
 * logged and the process keeps serving: one request's forgotten promise must not take
 * every caller's service down (Node's default since v15 is to exit). An uncaught
 * exception is logged and ends the process with a non-zero code, as Node's documentation
 * recommends: it unwound an unknown part of the program, whose state can no longer be
 * trusted, and a supervisor restarts a clean process.
 */
export function guardProcess(log: Logger): void {
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection; the process keeps serving'));
  process.on('uncaughtException', (error, origin) => {
    log.fatal({ err: error, origin }, 'uncaught exception: exiting');
    process.exit(1);
  });
}
