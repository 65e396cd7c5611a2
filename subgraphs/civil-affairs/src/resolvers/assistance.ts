import type { AssistanceResolvers } from '../generated/resolvers-types.ts';

export const Assistance: AssistanceResolvers = {
  id: (assistance) => String(assistance.id),
  amountYuan: (assistance) => assistance.amount_yuan,
  startedOn: (assistance) => assistance.started_on,
  endedOn: (assistance) => assistance.ended_on,
};
