import { badUserInput, divisionLevel } from '@lbc/schema';

/**
 * `Region.__resolveReference` for subgraphs that only count things in a region: civil
 * affairs owns regions (names, hierarchy), so the reference is the code itself. But
 * representations bypass scalar parsing, and a malformed code would silently become a
 * nonsense range: refuse it, so the caller sees why that entity is null.
 * Async on purpose: @apollo/subgraph maps representations synchronously, so a *thrown*
 * error fails the whole `_entities` list, while a rejected promise nulls only this one.
 */
export async function regionReference(reference: { code: string }): Promise<{ code: string }> {
  if (divisionLevel(reference.code) === null) {
    throw badUserInput('invalid division code: expected 2, 4, 6, 9 or 12 digits', { argumentName: 'representations', inResolver: true });
  }
  return { code: reference.code };
}
