/**
 * pnpm -s token --agency civil_affairs --level county --region 431003 [--role officer ...] [--org ID] [--sub NAME] [--ttl 8h]
 * Prints only a development token on stdout, so scripts can use $(pnpm -s token ...).
 */
import { AGENCIES, ADMIN_LEVELS } from '@lbc/schema';
import { parseArgs } from 'node:util';
import { DEV_ISSUER, DEV_KEY_FILES, HUB_AUDIENCE, ensureDevKeys, readJwk } from './keys/dev-keys.ts';
import { mintToken } from './keys/mint-token.ts';

const usage = `usage: pnpm -s token --agency <${AGENCIES.join('|')}> --level <${ADMIN_LEVELS.join('|')}> --region <division code> [--role R ...] [--org ID] [--sub NAME] [--ttl 8h]`;

try {
  const { values } = parseArgs({
    options: {
      agency: { type: 'string' },
      level: { type: 'string' },
      region: { type: 'string' },
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  if (!values.agency || !values.level || !values.region) throw new Error('--agency, --level and --region are required');
  await ensureDevKeys();
  const token = await mintToken(readJwk(DEV_KEY_FILES.issuerPrivate), {
    subject: values.sub ?? `dev-${values.agency}-${values.region}`,
    issuer: DEV_ISSUER,
    audience: HUB_AUDIENCE,
    agency: values.agency as never,
    level: values.level as never,
    region: values.region,
    roles: values.role ?? [],
    ...(values.org ? { org: values.org } : {}),
    expiresIn: values.ttl ?? '8h',
  });
  process.stdout.write(token + '\n');
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
