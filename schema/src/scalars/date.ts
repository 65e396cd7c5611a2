import { validatedStringScalar } from './validated-string-scalar.ts';

/** A calendar date, `YYYY-MM-DD`; impossible dates (2024-02-30) are refused. */
export const DateScalar = validatedStringScalar('Date', 'A calendar date, YYYY-MM-DD.', (raw) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (!date || date.toISOString().slice(0, 10) !== raw) throw new RangeError('expected a real date as YYYY-MM-DD');
  return raw;
});
