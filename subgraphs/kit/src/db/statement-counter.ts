/**
 * Counts the SQL statements a database handle sends. The batching promise — one
 * statement per subgraph fetch, whatever the page size — is tested with it, and the
 * benchmarks report it.
 */
export class StatementCounter {
  #count = 0;

  get count(): number {
    return this.#count;
  }

  record(): void {
    this.#count++;
  }

  reset(): void {
    this.#count = 0;
  }
}
