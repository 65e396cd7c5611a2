import { invalidTransition } from '../errors/errors.ts';

/** Where a hand-off stands. SENT until the receiver answers; DONE, DECLINED and WITHDRAWN are final. */
export const HANDOFF_STATES = ['SENT', 'ACCEPTED', 'DECLINED', 'DONE', 'WITHDRAWN'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/** What a party may do to a hand-off. */
export const HANDOFF_ACTIONS = ['accept', 'decline', 'complete', 'withdraw'] as const;
/** A party's action, or the hub resolving a hand-off whose matter an agency's record shows done. */
export type HandoffAction = (typeof HANDOFF_ACTIONS)[number] | 'resolve';

/**
 * THE transitions: `SENT → ACCEPTED | DECLINED`, `ACCEPTED → DONE`, and the sender may
 * withdraw what is not yet final. Everything else is refused. Who may take an action
 * (the receiver accepts, the sender withdraws) is the action rules' and the row rules' to say.
 */
const TRANSITIONS: Record<HandoffAction, { from: readonly HandoffState[]; to: HandoffState }> = {
  accept: { from: ['SENT'], to: 'ACCEPTED' },
  decline: { from: ['SENT'], to: 'DECLINED' },
  complete: { from: ['ACCEPTED'], to: 'DONE' },
  withdraw: { from: ['SENT', 'ACCEPTED'], to: 'WITHDRAWN' },
  // The hub's own: the agency's record shows the matter done (the child back at school, an ID number issued).
  resolve: { from: ['SENT', 'ACCEPTED'], to: 'DONE' },
};

/** Whether a state is final: no action applies any more, and no clock runs. */
export function isFinal(state: HandoffState): boolean {
  return state === 'DONE' || state === 'DECLINED' || state === 'WITHDRAWN';
}

/** The state `action` leads to from `state`; INVALID_TRANSITION (nothing written) when it does not apply. */
export function nextState(state: HandoffState, action: HandoffAction): HandoffState {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(state)) {
    throw invalidTransition(`a hand-off that is ${state} cannot be ${PAST[action]}`, { state, action, allowedFrom: [...transition.from], inResolver: true });
  }
  return transition.to;
}

const PAST: Record<HandoffAction, string> = { accept: 'accepted', decline: 'declined', complete: 'completed', withdraw: 'withdrawn', resolve: 'resolved' };
