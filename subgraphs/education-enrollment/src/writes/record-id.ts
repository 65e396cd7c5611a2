/** Record ids are bigint identities: anything else names no record and is refused as input. */
export function recordIdProblem(id: string): string | false {
  return !/^[1-9]\d{0,17}$/.test(id) && 'must be a record id (digits)';
}
