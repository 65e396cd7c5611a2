import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentString } from '../generated/graphql.ts';
import { useSession } from '../session/session-context.tsx';
import { runOperation, type Answer } from './graphql-client.ts';

export interface OperationState<T> {
  loading: boolean;
  answer: Answer<T> | null;
  error: Error | null;
  reload(): void;
}

/** Runs `document` with `variables` whenever either (or the session) changes; `skip` holds it back. */
export function useOperation<T, V>(document: TypedDocumentString<T, V>, variables: V, options: { skip?: boolean } = {}): OperationState<T> {
  const session = useSession();
  const [state, setState] = useState<{ loading: boolean; answer: Answer<T> | null; error: Error | null }>({ loading: !options.skip, answer: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (options.skip) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    runOperation(session, document, JSON.parse(key) as V).then(
      (answer) => current && setState({ loading: false, answer, error: null }),
      (error: Error) => current && setState({ loading: false, answer: null, error }),
    );
    return () => {
      current = false;
    };
  }, [session, document, key, attempt, options.skip]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
