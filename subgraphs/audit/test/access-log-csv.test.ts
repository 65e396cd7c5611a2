import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../src/access-log/csv.ts';
import { audit } from '../src/index.ts';
import { insertAccessLog } from './access-log-fixtures.ts';
import { auditors } from './entries.ts';

const bed = useSubgraphTestBed(audit, { fixtures: insertAccessLog, principal: auditors.county });
const run = bed.run;

const HEADER = 'seq,at,request_id,subject,agency,level,region,client,purpose,case_id,break_glass,operation_name,outcome,child_ids,field_classes,denied_count,hash';
const CSV = `query($filter: AccessLogFilter, $limit: Int) { accessLogCsv(filter: $filter, limit: $limit) }`;

async function csv(variables: Record<string, unknown> = {}, principal = auditors.county): Promise<string> {
  const result = await run(CSV, variables, principal);
  expect(result.errors).toBeUndefined();
  return result.data!.accessLogCsv;
}

/** Splits on CRLF outside quotes (the test's own small RFC 4180 reader). */
function records(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    if (!quoted && c === '\r' && text[i + 1] === '\n') {
      out.push(current);
      current = '';
      i++;
      continue;
    }
    current += c;
  }
  expect(current).toBe(''); // every record ends in CRLF
  return out;
}

describe('csv cells', () => {
  it('quotes per RFC 4180 only when needed', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(false)).toBe('false');
    expect(csvLine(['a', null, 'b'])).toBe('a,,b\r\n');
  });

  it('defuses formula injection with a leading apostrophe', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=x')).toBe("'\t=x");
    expect(csvCell('\r=x')).toBe('"\'\r=x"');
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('accessLogCsv', () => {
  it("exports the auditor's entries newest first, header first, one line per entry", async () => {
    const lines = records(await csv());
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['8', '7', '3', '2', '1']);
    const hashes = await run(`{ accessLog { edges { node { hash } } } }`);
    expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual(hashes.data!.accessLog.edges.map((e: any) => e.node.hash));
  });

  it('writes each column', async () => {
    const lines = records(await csv({ filter: { breakGlass: true } }));
    expect(lines[1]!.split(',').slice(0, -1)).toEqual([
      '3',
      '2024-09-03T02:00:00.000Z',
      'req-3',
      'ps-1',
      'police',
      'county',
      '431003',
      'https://idp.test',
      'EMERGENCY',
      '',
      'true',
      'Child',
      'ok',
      'LB000000002',
      'SENSITIVE',
      '0',
    ]);
    const partial = records(await csv({ filter: { outcome: 'partial' } }, auditors.city));
    expect(partial[1]!.split(',').slice(12, 16)).toEqual(['partial', 'LB000000003', 'PROTECTIVE', '2']);
    const unauthenticated = records(await csv({ filter: { outcome: 'rejected' } }, auditors.province));
    expect(unauthenticated[1]!.split(',').slice(0, 13)).toEqual(['5', '2024-09-05T02:00:00.000Z', 'req-5', '', '', '', '', '', '', '', 'false', 'Child', 'rejected']);
  });

  it('quotes and defuses values that callers control', async () => {
    const lines = records(await csv({ filter: { subject: 'hs-1' }, limit: 1 }));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',"req-8,""quoted""\nline",hs-1,');
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil.example"",""open"")",`);
    expect(lines[1]).toContain(`,'@SUM(A1),`);
  });

  it('is bounded by limit, at most 10000', async () => {
    expect(records(await csv({ limit: 2 }))).toHaveLength(3);
    for (const limit of [0, 10001]) {
      const result = await run(CSV, { limit });
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'limit' });
    }
  });

  it('is scoped like the log and refused to non-auditors', async () => {
    expect(records(await csv({}, auditors.otherCounty)).map((line) => line.split(',')[0])).toEqual(['seq', '4']);
    const result = await run(CSV, {}, testPrincipal({ agency: 'civil_affairs' }));
    expect(result.data).toBeNull();
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});
