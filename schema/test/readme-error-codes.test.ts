import { ERROR_CATALOGUE } from '@lbc/schema';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The README's table of error codes is the catalogue's, so what clients are told cannot drift from what they get. */
describe('README error table', () => {
  it('lists exactly the catalogue: every code, its status and its meaning', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Errors'), readme.indexOf('### Database faults'));
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (.+) \|$/gm)].map(([, code, status, meaning]) => [code, Number(status), meaning]);
    expect(rows).toEqual(Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [code, entry.status, entry.meaning]));
  });
});
