import { maskIdNumber } from './id-number.ts';

/** Digit runs that may be written with spaces or hyphens: 431003 20240128 0011, 138-1234-5678. */
const DIGIT_RUN = /\d[\d -]{9,}[\dXx]/g;

/**
 * Free text with every identifier-like run masked (11+ digits, separators allowed): what
 * the audit keeps of text callers write (a justification, a case id, a refusal's message)
 * and what every log line says. Registry ids (LB + 9 digits) stay readable.
 */
export function redactText(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/[ -]/g, '');
    return digits.length >= 11 ? maskIdNumber(digits) : run;
  });
}
