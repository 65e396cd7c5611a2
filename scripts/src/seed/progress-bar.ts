/** A one-line progress bar on stderr (stdout stays clean for scripts). Silent when stderr is not a terminal, except at the end. */
export function progressBar(label: string): { update(done: number, total: number): void; finish(message: string): void } {
  const started = Date.now();
  let lastDraw = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (!process.stderr.isTTY || (now - lastDraw < 100 && done < total)) return;
      lastDraw = now;
      const ratio = total > 0 ? done / total : 0;
      const rate = done / Math.max((now - started) / 1000, 0.001);
      const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      const bar = '█'.repeat(Math.round(ratio * 30)).padEnd(30, '░');
      process.stderr.write(`\r${label} ${bar} ${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString()}/${total.toLocaleString()}  ${Math.round(rate).toLocaleString()}/s  ETA ${eta}s   `);
    },
    finish(message) {
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      process.stderr.write(`${message} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
    },
  };
}
