import { internalError } from '@lbc/schema';
import type { GatewayRequest } from './gateway-request.ts';
import type { GatewayResult, Stage } from './stage.ts';

/** Called once per stage and request with the time spent in the stage itself, stages after it excluded. */
export type StageTimer = (stage: string, seconds: number) => void;

/**
 * The stages as one function, in order: the first is outermost. Each stage's own time
 * (its time minus the time of the stages it called) goes to `timer`, so a slow stage is
 * visible as itself in the metrics, not smeared over the stages around it.
 */
export function runPipeline(stages: readonly Stage[], timer: StageTimer): (request: GatewayRequest) => Promise<GatewayResult> {
  const at = (index: number, request: GatewayRequest): Promise<GatewayResult> => {
    const stage = stages[index];
    // The last stage answers; reaching past it is a wiring mistake, not a caller's.
    if (!stage) return Promise.reject(internalError({ cause: new Error('the pipeline ended without an answer') }));
    const started = process.hrtime.bigint();
    let inner = 0n;
    const next = async () => {
      const nextStarted = process.hrtime.bigint();
      try {
        return await at(index + 1, request);
      } finally {
        inner += process.hrtime.bigint() - nextStarted;
      }
    };
    return stage.run(request, next).finally(() => timer(stage.name, Number(process.hrtime.bigint() - started - inner) / 1e9));
  };
  return (request) => at(0, request);
}
