import { idempotencyKeyOf, requestFingerprint } from '../idempotency/idempotency-key.ts';
import type { IdempotencyStore } from '../idempotency/idempotency-store.ts';
import { replayedResult, storableResult } from '../idempotency/stored-result.ts';
import type { Stage } from '../pipeline/stage.ts';

/**
 * A mutation sent with an `Idempotency-Key` runs once per caller and key: a retry of the
 * same request (operation, name, variables) is answered with the first answer and reaches
 * no agency; the same key on another request is refused (422 IDEMPOTENCY_KEY_REUSED). The
 * key also travels to the agencies in the signed token, where it is recorded in the same
 * transaction as the write: a retry after a timeout whose first attempt did commit writes
 * nothing twice, even if this gateway never saw that answer. Reads ignore the header.
 */
export function idempotencyStage(store: IdempotencyStore): Stage {
  return {
    name: 'idempotency',
    async run(request, next) {
      if (request.operation!.operation !== 'mutation') return next();
      const key = idempotencyKeyOf(request.http);
      if (key === undefined) return next();
      const owner = { issuer: request.principal!.issuer, subject: request.principal!.subject };
      store.sweep().catch((error: unknown) => request.log.warn({ err: error }, 'idempotency keys could not be swept'));
      const claim = await store.claim(owner, key, requestFingerprint(request.source!, request.operation!.name?.value, request.body?.variables));
      request.idempotency = { key, replayed: claim.state === 'replay' };
      if (claim.state === 'replay') return replayedResult(claim.result);
      let result;
      try {
        result = await next();
      } catch (error) {
        await store.release(owner, key).catch((cause: unknown) => request.log.warn({ err: cause }, 'an idempotency claim could not be released'));
        throw error;
      }
      const kept = storableResult(result);
      await (kept ? store.complete(owner, key, kept) : store.release(owner, key)).catch((error: unknown) =>
        // The write stands either way; a retry then runs again and the agency's own record answers it.
        request.log.warn({ err: error }, 'the answer to an idempotent request could not be kept'),
      );
      return result;
    },
  };
}
