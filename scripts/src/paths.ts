import { fileURLToPath } from 'node:url';

/** Where local state lives: git-ignored, safe to delete (`rm -rf .data` resets everything). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = `${ROOT}.data`;
export const KEYS_DIR = `${DATA_DIR}/keys`;

export function pgliteDataDir(subgraph: string): string {
  return `${DATA_DIR}/${subgraph}`;
}
