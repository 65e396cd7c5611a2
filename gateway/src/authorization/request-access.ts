import { badRequest, parsePurpose, type Purpose } from '@lbc/schema';
import type { IncomingHttpHeaders } from 'node:http';

/** How a caller wants denials handled (header x-lbc-authz). */
export const AUTHZ_MODES = ['filter', 'reject', 'dry-run'] as const;
export type AuthzMode = (typeof AUTHZ_MODES)[number];

/** What a request declares about itself, beside who sends it. */
export interface RequestAccess {
  purpose: Purpose;
  /** x-lbc-case-id: the protection case the request works on. */
  caseId?: string;
  /** x-lbc-justification: the written reason for break-glass access. */
  justification?: string;
  mode: AuthzMode;
}

const MAX_JUSTIFICATION = 500;

/**
 * Reads and validates the access headers. A request without a valid purpose is refused
 * outright (400): the purpose decides what may be read and goes into the audit.
 */
export function requestAccessFrom(headers: IncomingHttpHeaders, options: { breakGlass: boolean }): RequestAccess {
  const header = (name: string) => {
    const value = headers[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
  };
  let purpose: Purpose;
  try {
    purpose = parsePurpose(header('x-lbc-purpose'));
  } catch (error) {
    throw badRequest((error as Error).message);
  }
  const mode = (header('x-lbc-authz') ?? 'filter') as AuthzMode;
  if (!AUTHZ_MODES.includes(mode)) throw badRequest(`x-lbc-authz must be one of ${AUTHZ_MODES.join(', ')}`);
  const caseId = header('x-lbc-case-id');
  if (caseId !== undefined && !/^[0-9]{1,18}$/.test(caseId)) throw badRequest('x-lbc-case-id must be a protection case id (digits)');
  const justification = header('x-lbc-justification');
  if (justification !== undefined && !options.breakGlass) throw badRequest('break-glass access is not enabled on this hub (x-lbc-justification)');
  if (justification !== undefined && justification.length > MAX_JUSTIFICATION) throw badRequest(`x-lbc-justification is limited to ${MAX_JUSTIFICATION} characters`);
  return { purpose, mode, ...(caseId ? { caseId } : {}), ...(justification ? { justification } : {}) };
}
