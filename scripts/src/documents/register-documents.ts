import { documentHash, type TrustedDocumentsFile } from '@lbc/gateway';
import { apiSchemaFromSupergraph } from '@lbc/schema';
import { parse, validate, Kind, type GraphQLSchema } from 'graphql';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One document registered: its file, operation names and hash. */
export interface RegisteredDocument {
  file: string;
  operations: string[];
  hash: string;
}

/**
 * Adds the operations in `files` to the trusted-documents manifest for `client`: each file
 * must parse and validate against the API schema (an operation the gateway would refuse
 * is not worth trusting), and is registered under the SHA-256 of its exact text. The
 * manifest is replaced atomically, so a running reader never sees half a file.
 */
export function registerDocuments(options: { manifest: string; client: string; files: string[]; supergraphSdl: string }): RegisteredDocument[] {
  if (!/^[\w.:/@-]{1,200}$/.test(options.client)) throw new Error(`client "${options.client}" is not a client id (letters, digits, . : / @ - _)`);
  const schema = apiSchemaFromSupergraph(options.supergraphSdl);
  const manifest: TrustedDocumentsFile = existsSync(options.manifest) ? (JSON.parse(readFileSync(options.manifest, 'utf8')) as TrustedDocumentsFile) : { clients: {} };
  manifest.clients ??= {};
  const documents = (manifest.clients[options.client] ??= {});
  const registered = options.files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const operations = checkDocument(schema, text, file);
    const hash = documentHash(text);
    documents[hash] = text;
    return { file, operations, hash };
  });
  mkdirSync(dirname(options.manifest), { recursive: true });
  const temporary = `${options.manifest}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(temporary, options.manifest);
  return registered;
}

function checkDocument(schema: GraphQLSchema, text: string, file: string): string[] {
  let document;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
  const problems = validate(schema, document);
  if (problems.length) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
  const operations = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
  if (!operations.length) throw new Error(`${file}: no operation to register`);
  return operations;
}
