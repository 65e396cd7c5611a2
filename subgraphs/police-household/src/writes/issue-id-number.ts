import { assertInput, type WriteTransaction } from '@lbc/subgraph-kit';
import { idNumberCheckChar } from '@lbc/schema';
import { sql, type Kysely } from 'kysely';
import type { PoliceDB } from '../db-types.ts';

/** The sequence is three digits. */
const LAST_SEQUENCE = 999;

/**
 * Issues a new ID number (GB 11643): the registration area (a county code), the birth date,
 * the next sequence number of that area and day with the sex's parity (odd for male), and
 * the ISO 7064 MOD 11-2 check character. One statement takes the next number from the
 * ledger, holding its row until the write commits — a concurrent registration of the same
 * area and day waits, then takes the one after — and never goes below the numbers the
 * area's residents already hold, so neither a ledger number nor a resident's is issued twice.
 */
export async function issueIdNumber(write: WriteTransaction<PoliceDB>, area: string, birthDate: string, sex: 'MALE' | 'FEMALE'): Promise<string> {
  const prefix = area + birthDate.replaceAll('-', '');
  const [male, female] = sex === 'MALE' ? [2, 0] : [0, 2];
  const db = write.trx as unknown as Kysely<PoliceDB>;
  const { rows } = await sql<{ last_male: number; last_female: number }>`
    insert into id_number_sequence as s (area_birth, last_male, last_female)
    select ${prefix},
      coalesce(max(r.n) filter (where r.n % 2 = 1), -1) + ${male},
      coalesce(max(r.n) filter (where r.n % 2 = 0), 0) + ${female}
    from (select substr(id_number, 15, 3)::int as n from resident where substr(id_number, 1, 14) = ${prefix}) r
    on conflict (area_birth) do update set
      last_male = greatest(s.last_male + ${male}, excluded.last_male),
      last_female = greatest(s.last_female + ${female}, excluded.last_female)
    returning last_male, last_female`.execute(db);
  const sequence = sex === 'MALE' ? rows[0]!.last_male : rows[0]!.last_female;
  // Thrown inside the transaction: the ledger's step back is rolled back with it.
  assertInput({ birthDate: sequence > LAST_SEQUENCE && 'no sequence number is left for this area and birth date' });
  const first17 = prefix + String(sequence).padStart(3, '0');
  return first17 + idNumberCheckChar(first17);
}
