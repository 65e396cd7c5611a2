import { parseIdNumber } from '../identifiers/id-number.ts';
import { validatedStringScalar } from './validated-string-scalar.ts';

/** 公民身份号码: 18 characters with a valid birth date and MOD 11-2 check character. */
export const IdNumberScalar = validatedStringScalar('IdNumber', 'Resident ID number (公民身份号码), 18 characters; the check character is verified.', parseIdNumber);
