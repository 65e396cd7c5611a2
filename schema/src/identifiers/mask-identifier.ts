import { maskIdNumber } from './id-number.ts';

/**
 * Masks an identifier for callers who may know that a record exists but not its number.
 * Every identifier here embeds or accompanies an ID number (a student number is G + the
 * ID number; household and health-record numbers start with the place), so one rule
 * serves all: the first 6 characters (a place) stay, the rest is starred.
 * Idempotent, so a value masked by a subgraph and again by the gateway reads the same.
 */
export function maskIdentifier(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskIdentifier);
  if (typeof value !== 'string') return value === null || value === undefined ? value : '***';
  return maskIdNumber(value);
}
