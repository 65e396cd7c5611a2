/**
 * Progress on stderr (stdout stays clean for scripts): a redrawn bar on a terminal, a
 * plain line every 10% otherwise (CI logs, redirected output).
 */
export function progressBar(label: string): { update(done: number, total: number): void; finish(message: string): void } {
  const started = Date.now();
  let lastDraw = 0;
  let lastDecile = 0;
  return {
    update(done, total) {
      const now = Date.now();
      const ratio = total > 0 ? done / total : 0;
      const rate = done / Math.max((now - started) / 1000, 0.001);
      const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      const figures = `${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString()}/${total.toLocaleString()}  ${Math.round(rate).toLocaleString()}/s  ETA ${eta}s`;
      if (process.stderr.isTTY) {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        process.stderr.write(`\r${label} ${'█'.repeat(Math.round(ratio * 30)).padEnd(30, '░')} ${figures}   `);
      } else if (Math.floor(ratio * 10) > lastDecile) {
        lastDecile = Math.floor(ratio * 10);
        process.stderr.write(`${label} ${figures}\n`);
      }
    },
    finish(message) {
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      process.stderr.write(`${message} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
    },
  };
}
