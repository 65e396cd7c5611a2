import { idNumberCheckChar } from '@lbc/schema';

/**
 * Issues unique, valid ID numbers: registration area + birth date + sequence (odd for
 * male) + MOD 11-2 check character. Sequences are handed out per (area, birth date), so
 * two children never share a number however many are generated.
 */
export class IdNumberIssuer {
  #next = new Map<string, number>();

  issue(areaCode: string, birthDate: string, sex: 'MALE' | 'FEMALE'): string {
    const prefix = areaCode + birthDate.replaceAll('-', '');
    const used = this.#next.get(prefix) ?? 0;
    // Sequence numbers 000-999: even for women, odd for men; 500 of each per area and day.
    const sequence = used * 2 + (sex === 'MALE' ? 1 : 0);
    if (sequence > 999) throw new Error(`more than 500 ${sex} births on ${birthDate} in ${areaCode}`);
    this.#next.set(prefix, used + 1);
    const first17 = prefix + String(sequence).padStart(3, '0');
    return first17 + idNumberCheckChar(first17);
  }
}
