import { redactText } from '@lbc/schema';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The structured log of one service (pino, JSON lines on stdout): time, level, service,
 * and whatever bindings a request adds (request id, the principal's agency and region).
 * What a log line can hold is limited here, once for every service: tokens and
 * authorization headers are never written, and every digit run that could be an ID number
 * (11+ digits) is masked in messages and string fields, so a log shipped off the host
 * holds no full identifier. LOG_LEVEL sets the level (default info; silent in tests).
 */
export function createLogger(service: string, options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['token', 'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization'], censor: '[redacted]' },
      hooks: {
        // Messages and interpolated strings are caller-influenced text: mask identifiers in them.
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>);
        },
      },
      serializers: { err: serializeError },
    },
    options.destination,
  );
}

/** An error as a log line holds it: type, code, message with identifiers masked; a stack only for faults of our own. */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactText(String(error)) };
  const code = (error as { code?: unknown; extensions?: { code?: unknown } }).extensions?.code ?? (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: redactText(error.message),
    ...(code !== undefined ? { code } : {}),
    ...(error.cause instanceof Error ? { cause: redactText(error.cause.message) } : {}),
    ...(error.stack ? { stack: redactText(error.stack) } : {}),
  };
}
