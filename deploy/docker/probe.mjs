// The containers' HEALTHCHECK: `node probe.mjs /readyz` asks this container's own service
// (127.0.0.1, its PORT) and exits 0 on 200. The runtime image has no curl or wget: Node's fetch does it.
const path = process.argv[2] ?? '/healthz';
const port = process.env.PORT ?? process.env.LBC_DASHBOARD_PORT ?? '4000';
try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
