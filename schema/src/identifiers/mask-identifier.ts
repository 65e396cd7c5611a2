import { maskIdNumber } from './id-number.ts';

/**
 * Masks an identifier for callers allowed to tell records apart but not to know the
 * number: an 18-character ID number keeps its registration area and last four; other
 * identifiers (household, student, health-record numbers) keep as much at each end.
 * Idempotent, so a value masked by a subgraph and again by the gateway reads the same.
 */
export function maskIdentifier(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskIdentifier);
  if (typeof value !== 'string') return value === null || value === undefined ? value : '***';
  if (value.length === 18) return maskIdNumber(value);
  if (value.length > 12) return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
  return value.length > 4 ? '*'.repeat(value.length - 2) + value.slice(-2) : '*'.repeat(value.length);
}
