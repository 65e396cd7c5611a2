/**
 * pnpm smoke: the README's start command, exercised as a user would. Starts the hub
 * (`pnpm start`, six processes) on LBC_PORT_BASE (default 4100), waits until it is
 * ready, loads the dashboard and asks GraphQL through it, runs the README examples through
 * the gateway with a token from `pnpm token`,
 * checks that all four agencies answered, registers a child and waits for the exchange to
 * carry its residence to the other agencies and the hand-offs, files a mandatory report
 * about it and finds it in the police's queue, and stops everything. Used by .ci/run.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { DEV_ISSUER, DEV_KEY_FILES, HUB_AUDIENCE, readJwk } from './keys/dev-keys.ts';
import { quarterOf, todayInChina, type PrincipalClaims } from '@lbc/schema';
import { mintToken } from './keys/mint-token.ts';
import { ROOT } from './paths.ts';

const base = Number(process.env.LBC_PORT_BASE ?? 4100);

/** A token from the development identity provider, as `pnpm token` mints them. */
function devToken(subject: string, claims: PrincipalClaims): Promise<string> {
  return mintToken(readJwk(DEV_KEY_FILES.issuerPrivate), { subject, issuer: DEV_ISSUER, audience: HUB_AUDIENCE, ...claims });
}
const gatewayUrl = `http://127.0.0.1:${base}/graphql`;
const hub = spawn(process.execPath, ['--import', 'tsx', 'scripts/src/start.ts'], {
  cwd: ROOT,
  env: { ...process.env, LBC_PORT_BASE: String(base) },
  stdio: ['ignore', 'pipe', 'inherit'],
});

function fail(message: string): never {
  console.error(`smoke: FAILED: ${message}`);
  hub.kill('SIGTERM');
  process.exit(1);
}

const timer = setTimeout(() => fail('the hub was not ready within 10 minutes'), 600_000);
hub.once('exit', (code) => fail(`pnpm start exited early with code ${code}`));
await new Promise<void>((resolve) => {
  createInterface({ input: hub.stdout! }).on('line', (line) => {
    if (!line.startsWith(' ') && !line.startsWith('─')) console.log(line);
    if (line === 'hub ready') resolve();
  });
});
clearTimeout(timer);

const token = await devToken('smoke', { agency: 'civil_affairs', level: 'county', region: '431003', roles: ['officer'] });
async function run(file: string, variables: Record<string, unknown>) {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lbc-purpose': 'CASE_MANAGEMENT' },
    body: JSON.stringify({ query: readFileSync(`${ROOT}schema/examples/${file}`, 'utf8'), variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (response.status !== 200 || body.errors) fail(`${file}: HTTP ${response.status} ${JSON.stringify(body.errors)}`);
  return body.data;
}

// The dashboard, as a browser first meets it: its page, and GraphQL through its own origin.
const dashboardUrl = `http://127.0.0.1:${base + 10}`;
const page = await fetch(`${dashboardUrl}/`);
if (page.status !== 200 || !(await page.text()).includes('<div id="root">')) fail(`dashboard: GET / answered ${page.status}`);
const proxied = await fetch(`${dashboardUrl}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lbc-purpose': 'STATISTICS' },
  body: JSON.stringify({ query: '{ region(code: "431003") { name registryStats { activeChildren } } }' }),
});
const regionName = ((await proxied.json()) as { data?: { region?: { name?: string } } }).data?.region?.name;
if (!regionName) fail('dashboard: the GraphQL proxy did not answer with the region');
console.log(`smoke: dashboard serves its page and proxies GraphQL (${regionName})`);

const list = await run('children-in-region.graphql', { region: '431003', first: 5 });
const id = list.children.edges[0]?.node.id ?? fail('no children in Suxian district: the demo seed did not run');
const { child } = await run('child-record.graphql', { id });
const agencies = { 'civil-affairs': child.name, education: child.leftBehindFlag, police: child.householdRegistrationStatus, health: child.healthRecord };
for (const [agency, value] of Object.entries(agencies)) if (value === null || value === undefined) fail(`child ${id}: nothing from ${agency}`);
const { region } = await run('region-overview.graphql', { code: '431003' });
for (const stats of ['registryStats', 'schoolStats', 'householdStats', 'healthStats']) if (!region?.[stats]) fail(`region 431003: no ${stats}`);
console.log(`smoke: ok — child ${id} answered by all four agencies; ${region.name}: ${region.registryStats.activeChildren} active children`);

// A write: a child registered in a Suxian village, its residence carried by the exchange (in the
// gateway process, as `npm run up` runs it) so that the police can place the child too.
async function post(query: string, variables: Record<string, unknown>, bearer = token) {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'x-lbc-purpose': 'CASE_MANAGEMENT', 'idempotency-key': `smoke-${Date.now()}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}
const home = await post('query($id: ID!) { child(id: $id) { residenceVillage { code } } }', { id });
const registered = await post('mutation($input: RegisterChildInput!) { registerChild(input: $input) { child { id } } }', {
  input: { name: '冒烟测试', sex: 'FEMALE', birthDate: '2018-03-03', residenceVillageCode: home.data?.child?.residenceVillage?.code, category: 'BOTH_PARENTS_AWAY', leftBehindSince: '2024-03-01' },
});
if (registered.errors) fail(`registerChild: ${JSON.stringify(registered.errors)}`);
const newId = registered.data.registerChild.child.id as string;
const operator = await devToken('smoke-operator', { agency: 'audit', level: 'province', region: '43', roles: ['auditor'] });
const deadline = Date.now() + 30_000;
for (;;) {
  const lag = await post('{ exchangeLag { source subscriber position pending } }', {}, operator);
  const rows = (lag.data?.exchangeLag ?? []) as { source: string; subscriber: string; position: string; pending: number }[];
  const delivered = rows.filter((r) => r.source === 'civil-affairs' && Number(r.position) > 0 && r.pending === 0);
  if (delivered.length === 4) break;
  if (Date.now() > deadline) fail(`the exchange did not deliver child ${newId}'s residence within 30 s: ${JSON.stringify(rows)}`);
  await new Promise((resolve) => setTimeout(resolve, 250));
}
console.log(`smoke: ok — registered child ${newId}; the exchange carried its residence to the three other agencies and the hand-offs`);

// A hand-off: a mandatory report about the new child reaches the police of its township, in their queue.
const village = home.data.child.residenceVillage.code as string;
const reported = await post(readFileSync(`${ROOT}schema/examples/file-mandatory-report.graphql`, 'utf8'), {
  input: { childId: newId, situation: 'LIVING_ALONE', knewAt: new Date().toISOString() },
});
if (reported.errors) fail(`fileMandatoryReport: ${JSON.stringify(reported.errors)}`);
const reportId = reported.data.fileMandatoryReport.handoff.id as string;
const townPolice = await devToken('smoke-police', { agency: 'police', level: 'town', region: village.slice(0, 9), roles: ['officer'] });
const queue = await post(readFileSync(`${ROOT}schema/examples/work-queue.graphql`, 'utf8'), { first: 100 }, townPolice);
if (queue.errors) fail(`workQueue: ${JSON.stringify(queue.errors)}`);
if (!queue.data.workQueue.edges.some((e: any) => e.node.handoff.id === reportId)) fail(`mandatory report ${reportId} is not in the queue of the police of ${village.slice(0, 9)}`);
console.log(`smoke: ok — mandatory report ${reportId} is in the queue of the police of township ${village.slice(0, 9)}`);

// The quarterly cycle and the data-quality check: the seeded quarters in several states, and
// the hub's first sweep finding the world's broken records (within a minute of the start).
const reporting = await post(`{ region(code: "431003") { quarterlyReporting(quarter: "2024-Q3") { towns { state } } } }`, {});
const states = new Set((reporting.data?.region?.quarterlyReporting?.towns ?? []).map((t: { state: string }) => t.state));
if (states.size < 3) fail(`quarterlyReporting 2024-Q3: expected towns in several states, got ${JSON.stringify(reporting)}`);
const quarter = quarterOf(todayInChina());
const qualityDeadline = Date.now() + 60_000;
for (;;) {
  const quality = await post(`query($q: String!) { region(code: "431003") { dataQuality(quarter: $q) { byRule { rule { id } found } } } }`, { q: quarter });
  if (quality.errors) fail(`dataQuality: ${JSON.stringify(quality.errors)}`);
  const found = (quality.data.region.dataQuality.byRule as { rule: { id: string }; found: number }[]).filter((r) => r.found > 0);
  if (found.length >= 3) {
    console.log(`smoke: ok — townships in ${states.size} states for 2024-Q3; the data-quality check found ${found.map((r) => `${r.rule.id} ${r.found}`).join(', ')}`);
    break;
  }
  if (Date.now() > qualityDeadline) fail(`the data-quality sweep found too little in 431003 within 60 s: ${JSON.stringify(quality.data)}`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

// Every one of those reads is in the audit log, and an auditor of the county can see it.
const auditor = await devToken('smoke-auditor', { agency: 'audit', level: 'county', region: '431003', roles: ['auditor'] });
const history = await fetch(gatewayUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${auditor}`, 'x-lbc-purpose': 'SUPERVISION' },
  body: JSON.stringify({ query: `query($id: ID!) { childAccessHistory(childId: $id) { edges { node { principal { subject } operationName } } } }`, variables: { id } }),
});
const audited = ((await history.json()) as any).data?.childAccessHistory.edges.filter((e: any) => e.node.principal?.subject === 'smoke') ?? [];
if (!audited.length) fail(`child ${id}: the auditor finds no entry of the smoke's reads`);
console.log(`smoke: ok — an auditor sees ${audited.length} audited access(es) to child ${id}`);

hub.removeAllListeners('exit');
hub.kill('SIGTERM');
await new Promise((resolve) => hub.once('exit', resolve));

// With the hub stopped (its PGlite directory is one process's), the chain must verify.
const verify = spawn(process.execPath, ['--import', 'tsx', 'scripts/src/audit/verify.ts'], { cwd: ROOT, stdio: 'inherit' });
const [code] = await once(verify, 'exit');
if (code !== 0) fail('audit:verify did not verify the log');
process.exit(0);
