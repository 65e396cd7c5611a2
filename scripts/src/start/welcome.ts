import { DEV_ISSUER, DEV_KEY_FILES, HUB_AUDIENCE, readJwk } from '../keys/dev-keys.ts';
import { mintToken } from '../keys/mint-token.ts';

/** Development principals worth having at hand: one per agency at county level in Suxian, and a city overseer. */
const SAMPLE_PRINCIPALS = [
  { label: 'civil affairs, Suxian county', agency: 'civil_affairs', level: 'county', region: '431003' },
  { label: 'education bureau, Suxian county', agency: 'education', level: 'county', region: '431003' },
  { label: 'police branch, Suxian county', agency: 'police', level: 'county', region: '431003' },
  { label: 'health commission, Suxian county', agency: 'health', level: 'county', region: '431003' },
  { label: 'civil affairs, Chenzhou city', agency: 'civil_affairs', level: 'city', region: '4310' },
  { label: 'Youth League 12355, Suxian county', agency: 'youth_league', level: 'county', region: '431003' },
  { label: 'auditor, Suxian county (x-lbc-purpose: SUPERVISION; reads the access log, no child data)', agency: 'audit', level: 'county', region: '431003' },
] as const;

/** Short enough to paste; the full queue is schema/examples/work-queue.graphql. */
const QUEUE = '{ workQueue(first: 5) { edges { node { why overdue handoff { id kind state dueAt child { id } from { agency regionCode } } } } } }';

/** Prints what a newcomer needs to make a first call: URLs, tokens, and a runnable example. */
export async function printWelcome(gatewayUrl: string, dashboardUrl: string): Promise<void> {
  const key = readJwk(DEV_KEY_FILES.issuerPrivate);
  const tokens = await Promise.all(
    SAMPLE_PRINCIPALS.map(async (p) => ({
      ...p,
      token: await mintToken(key, { subject: `dev-${p.agency}`, issuer: DEV_ISSUER, audience: HUB_AUDIENCE, agency: p.agency, level: p.level, region: p.region, roles: ['officer'] }),
    })),
  );
  const civil = tokens[0]!.token;
  const id = await firstChild(gatewayUrl, civil);
  // Short enough to paste; the full record is schema/examples/child-record.graphql.
  const query = `{ child(id: "${id}") { name leftBehindCategory guardian { name } currentEnrollment { grade school { name } } householdRegistrationStatus guardianCanAct healthRecord { clinic { name } } hasSeriousCondition } }`;
  // A write: recorded once however often it is retried with the same key, audited, and — for a registration — carried to the other agencies.
  const mutation = `mutation { recordHomeVisit(input: { childId: "${id}", visitedOn: "2026-11-30", concernRaised: false }) { homeVisit { id visitedOn } child { homeVisits(first: 1) { edges { node { id } } } } } }`;
  const line = '─'.repeat(78);
  console.log(`
${line}
 lbc-hub is running
   Dashboard: ${dashboardUrl}  (sign in as a development principal; 中文 / English)
   Gateway:  ${gatewayUrl}  (POST GraphQL)
   GraphiQL: ${new URL('/graphiql', gatewayUrl)}  (served locally, works offline)
             paste one of the tokens below into its Headers tab:
             Authorization: Bearer <token>
             x-lbc-purpose: CASE_MANAGEMENT (or ASSESSMENT, EMERGENCY, DROPOUT_RETURN, ...)
   Probes:   ${new URL('/healthz', gatewayUrl)}  ${new URL('/readyz', gatewayUrl)}  ${new URL('/metrics', gatewayUrl)}

 Development tokens (valid 8 h; mint others with
   pnpm -s token --agency AGENCY --level LEVEL --region CODE [--role R] [--org ID]):
${tokens.map((t) => `   ${t.label}:\n     ${t.token}`).join('\n')}

 Try it: child ${id} as civil affairs, education, police and health know it:
   TOKEN=$(pnpm -s token --agency civil_affairs --level county --region 431003)
   curl -s ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -H 'x-lbc-purpose: CASE_MANAGEMENT' \\
     --data '${JSON.stringify({ query })}'

 Write: record a home visit. Run the curl twice with the same key: one visit, the same answer:
   KEY=visit-$(date +%s)
   curl -s ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -H 'x-lbc-purpose: CASE_MANAGEMENT' \\
     -H "idempotency-key: $KEY" --data '${JSON.stringify({ query: mutation })}'

 Hand-offs: what awaits the county police (reports escalated to them, hand-overs addressed to them):
   TOKEN=$(pnpm -s token --agency police --level county --region 431003)
   curl -s ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -H 'x-lbc-purpose: CASE_MANAGEMENT' \
     --data '${JSON.stringify({ query: QUEUE })}'

 More: schema/examples/*.graphql (a child's full record, a region's picture, lists,
   who looked at a child: audit-child-history.graphql with the auditor token; hand-offs:
   file-mandatory-report, work-queue, answer-handoff, hotline-ticket)
 Stop: Ctrl-C
${line}`);
}

async function firstChild(gatewayUrl: string, token: string): Promise<string> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-lbc-purpose': 'CASE_MANAGEMENT' },
    body: JSON.stringify({ query: '{ children(filter: { regionCode: "431003", status: ACTIVE }, first: 1) { edges { node { id } } } }' }),
  });
  const result = (await response.json()) as { data?: { children: { edges: { node: { id: string } }[] } } };
  return result.data?.children.edges[0]?.node.id ?? 'LB000000001';
}
