import { join } from 'node:path';
import ts from 'typescript';
import type { KubernetesDocument } from './deploy-files.ts';

/** Where an object's model lives in `kubernetes-models`: `apps/v1` + `Deployment`; the core group is `v1`. */
function modelPath(object: Record<string, any>): string {
  return `kubernetes-models/${String(object.apiVersion)}/${String(object.kind)}`;
}

/**
 * Checks each object against the Kubernetes API's OpenAPI schema, as the `kubernetes-models`
 * package compiles it (types, required fields, enums, formats, int-or-string): a kind or
 * version the API does not have is reported too. Returns `file#n: path message` lines.
 */
export async function validateKubernetesSchemas(documents: readonly KubernetesDocument[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { file, index, object } of documents) {
    const where = `${file}#${index + 1} ${String(object.kind)} ${String(object.metadata?.name)}`;
    let model: new (data: unknown) => { validate(): void };
    try {
      model = ((await import(modelPath(object))) as Record<string, new (data: unknown) => { validate(): void }>)[String(object.kind)]!;
      if (typeof model !== 'function') throw new Error('no model');
    } catch {
      problems.push(`${where}: the Kubernetes API has no ${String(object.kind)} in ${String(object.apiVersion)}`);
      continue;
    }
    try {
      new model(object).validate();
    } catch (error) {
      const errors = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
      if (!errors) throw error;
      for (const e of errors) problems.push(`${where}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    }
  }
  return problems;
}

/**
 * The field names the JSON schema leaves open (Kubernetes' schema allows unknown fields,
 * which the API server then drops, so a misspelt `readinessProbee` would pass it and be lost):
 * each object is type-checked as a literal of its kind's interface from the same package,
 * and TypeScript's excess-property check names every field the API does not define, at any
 * depth. Returns `file#n: message` lines.
 */
export function validateKubernetesFields(root: string, documents: readonly KubernetesDocument[]): string[] {
  // Beside the root package.json, so `kubernetes-models` (a root dependency) resolves as an ES module would.
  const virtual = join(root, '__kubernetes_manifests__.ts');
  const lines: string[] = [];
  const starts: number[] = [];
  documents.forEach(({ object }, i) => {
    lines.push(`import type { I${String(object.kind)} as T${i} } from '${modelPath(object)}';`);
  });
  documents.forEach(({ object }, i) => {
    starts.push(lines.length);
    lines.push(...`export const object${i}: T${i} = ${JSON.stringify(object, null, 2)};`.split('\n'));
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => (file === virtual ? ts.createSourceFile(file, source, language) : getSourceFile(file, language, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === virtual || fileExists(file);
  const program = ts.createProgram([virtual], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (diagnostic.file?.fileName !== virtual || diagnostic.start === undefined) return `kubernetes types: ${message}`;
    const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line;
    const at = starts.findLastIndex((start) => start <= line);
    if (at < 0) return `kubernetes types: ${message}`;
    const { file, index, object } = documents[at]!;
    return `${file}#${index + 1} ${String(object.kind)} ${String(object.metadata?.name)}: ${message}`;
  });
}
