/** The quarter of a date (YYYY-MM-DD) as the hub names it: 2024-Q3. */
export function quarterOf(date: string): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The four quarters ending with the quarter of `date`, oldest first. */
export function lastFourQuarters(date: string): [string, string, string, string] {
  const [year, q] = quarterOf(date).split('-Q').map(Number) as [number, number];
  const quarters: string[] = [];
  for (let back = 3; back >= 0; back--) {
    const index = year * 4 + (q - 1) - back;
    quarters.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
  }
  return quarters as [string, string, string, string];
}
