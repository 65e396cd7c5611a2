/**
 * pnpm documents:register --client <client id> [--manifest FILE] file.graphql ...
 * Registers operations a client system may run against a production gateway (see README,
 * Trusted documents). The client id is what that system's tokens carry as `azp` or
 * `client_id` (else their issuer). Prints each document's hash, to send as `documentId`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DATA_DIR, ROOT } from '../paths.ts';
import { registerDocuments } from './register-documents.ts';

const usage = 'usage: pnpm documents:register --client <client id> [--manifest FILE] file.graphql ...';
try {
  const { values, positionals } = parseArgs({ options: { client: { type: 'string' }, manifest: { type: 'string' } }, allowPositionals: true });
  if (!values.client || positionals.length === 0) throw new Error('--client and at least one .graphql file are required');
  const manifest = values.manifest ?? process.env.LBC_TRUSTED_DOCUMENTS_FILE ?? `${DATA_DIR}/trusted-documents.json`;
  const supergraphSdl = readFileSync(process.env.LBC_SUPERGRAPH_FILE ?? `${ROOT}schema/supergraph.graphql`, 'utf8');
  for (const document of registerDocuments({ manifest, client: values.client, files: positionals, supergraphSdl })) {
    console.log(`sha256:${document.hash}  ${document.operations.join(', ')}  (${document.file})`);
  }
  console.log(`registered for ${values.client} in ${manifest}`);
} catch (error) {
  console.error(`documents:register: ${(error as Error).message}\n${usage}`);
  process.exit(1);
}
