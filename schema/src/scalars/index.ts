import { DateScalar } from './date.ts';
import { DateTimeScalar } from './date-time.ts';
import { DivisionCodeScalar } from './division-code.ts';
import { IdNumberScalar } from './id-number.ts';

export { DateScalar, DateTimeScalar, DivisionCodeScalar, IdNumberScalar };

/** Resolver map entries for the scalars every subgraph declares. */
export const scalarResolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  DivisionCode: DivisionCodeScalar,
  IdNumber: IdNumberScalar,
};
