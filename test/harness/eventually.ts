/** Polls `check` until it returns something truthy (at most `ms`), for what the hub does in the background: the exchange and its tasks run every 100 ms in tests. */
export async function eventually<T>(check: () => Promise<T | undefined | false | null>, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
