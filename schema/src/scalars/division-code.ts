import { parseDivisionCode } from '../identifiers/division-code.ts';
import { validatedStringScalar } from './validated-string-scalar.ts';

/** A division code of any of the five levels (2, 4, 6, 9 or 12 digits). */
export const DivisionCodeScalar = validatedStringScalar(
  'DivisionCode',
  'National Bureau of Statistics division code: 2 (province), 4 (city), 6 (county), 9 (township) or 12 (village) digits.',
  parseDivisionCode,
);
