import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The operations each client system may run in production, by the SHA-256 of their
 * exact text: `{ "clients": { "<client id>": { "<sha256 hex>": "<operation text>" } } }`.
 * Written by `pnpm documents:register` from the client's .graphql files (reviewed like
 * code), read once at start. A client is the token's `azp`/`client_id`, else its issuer.
 */
export interface TrustedDocumentsFile {
  clients: Record<string, Record<string, string>>;
}

/** The registered documents, looked up by client and hash. */
export class TrustedDocuments {
  constructor(private readonly file: TrustedDocumentsFile) {}

  /** Reads and checks a manifest; a malformed one stops the gateway at start. */
  static load(path: string): TrustedDocuments {
    const file = JSON.parse(readFileSync(path, 'utf8')) as TrustedDocumentsFile;
    if (!file || typeof file.clients !== 'object' || file.clients === null) throw new Error(`${path}: expected { "clients": { "<client>": { "<sha256>": "<operation>" } } }`);
    for (const [client, documents] of Object.entries(file.clients)) {
      for (const [hash, text] of Object.entries(documents)) {
        if (documentHash(text) !== hash) throw new Error(`${path}: the document registered for ${client} under ${hash.slice(0, 12)}… does not have that hash`);
      }
    }
    return new TrustedDocuments(file);
  }

  /** The text registered for `client` under `hash`, if any. */
  text(client: string, hash: string): string | undefined {
    const documents = this.file.clients[client];
    return documents && Object.hasOwn(documents, hash) ? documents[hash] : undefined;
  }

  /** How many documents each client has: for the start-up log. */
  counts(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.file.clients).map(([client, documents]) => [client, Object.keys(documents).length]));
  }
}

/** The hash a document is registered under: SHA-256 of its exact text, hex. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
