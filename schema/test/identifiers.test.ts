import { describe, expect, it } from 'vitest';
import {
  divisionLevel,
  idNumberBirthDate,
  idNumberCheckChar,
  idNumberProblem,
  idNumberSex,
  isWithin,
  maskIdNumber,
  parentDivisionCode,
  parseDivisionCode,
  parseIdNumber,
  villageCodeRange,
} from '../src/index.ts';

describe('ID numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('computes check characters of published examples', () => {
    // The standard's own example, and one whose check character is X.
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
  });

  it('accepts valid numbers (lower-case x normalised) and names what is wrong with others', () => {
    expect(parseIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(idNumberProblem('440524188001010014')).toBeNull();
    expect(idNumberProblem('440524188001010015')).toBe('CHECK_CHARACTER');
    expect(idNumberProblem('440524188002300014')).toBe('BIRTH_DATE');
    const nextYear = new Date().getUTCFullYear() + 1;
    const future = `440524${nextYear}0101001`;
    expect(idNumberProblem(future + idNumberCheckChar(future))).toBe('BIRTH_DATE');
    expect(idNumberProblem('4405241880010100')).toBe('FORMAT');
    expect(idNumberProblem('44052418800101001Y')).toBe('FORMAT');
    expect(() => parseIdNumber('440524188001010015')).toThrow('invalid ID number (check character)');
  });

  it('masks all but the registration area: birth date and sequence would rebuild the number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105************');
  });

  it('reads the birth date and sex a number encodes (the 17th character: odd for a male)', () => {
    expect(idNumberBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idNumberSex('11010519491231002X')).toBe('FEMALE');
    expect(idNumberBirthDate('440524188001010014')).toBe('1880-01-01');
    expect(idNumberSex('440524188001010014')).toBe('MALE');
  });
});

describe('division codes', () => {
  it('knows the five levels by length and nothing else', () => {
    expect(['43', '4310', '431003', '431003101', '431003101201'].map(divisionLevel)).toEqual(['province', 'city', 'county', 'town', 'village']);
    expect(['4', '43100', '4310031', 'abcdef', ''].map(divisionLevel)).toEqual([null, null, null, null, null]);
    expect(() => parseDivisionCode('43100')).toThrow('expected 2, 4, 6, 9 or 12 digits');
  });

  it('walks up the hierarchy and tests containment by prefix', () => {
    expect(parentDivisionCode('431003101201')).toBe('431003101');
    expect(parentDivisionCode('431003101')).toBe('431003');
    expect(parentDivisionCode('4310')).toBe('43');
    expect(parentDivisionCode('43')).toBeNull();
    expect(isWithin('431003101201', '431003')).toBe(true);
    expect(isWithin('431002101201', '431003')).toBe(false);
  });

  it('turns a prefix into the range of village codes it contains', () => {
    expect(villageCodeRange('431003')).toEqual({ low: '431003000000', high: '431003999999' });
    expect(villageCodeRange('431003101201')).toEqual({ low: '431003101201', high: '431003101201' });
  });
});
