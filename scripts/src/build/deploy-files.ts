import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** One Kubernetes object of deploy/k8s: the file it is in and its place there, for messages. */
export interface KubernetesDocument {
  file: string;
  index: number;
  object: Record<string, any>;
}

/** What deploy/ holds, parsed: the compose file, the Kubernetes objects its kustomization lists, the Dockerfile's targets. */
export interface DeployFiles {
  dir: string;
  compose: Record<string, any>;
  kustomization: Record<string, any>;
  kubernetes: KubernetesDocument[];
  dockerfile: { path: string; text: string; targets: string[] };
}

/** A YAML file that does not parse: named with its first error. */
export class DeployFileError extends Error {
  override name = 'DeployFileError';
}

/**
 * Reads deploy/: the compose file as Compose reads it (YAML 1.2, merge keys), the
 * Kubernetes manifests as kubectl reads them (YAML 1.1: an unquoted `off` is a boolean
 * there, which a schema then refuses where a string belongs), every file the
 * kustomization lists, and the Dockerfile's build targets.
 */
export function readDeployFiles(dir: string): DeployFiles {
  const compose = parseYaml(join(dir, 'compose.yaml'), '1.2');
  const kustomization = parseYaml(join(dir, 'k8s/kustomization.yaml'), '1.1');
  const kubernetes: KubernetesDocument[] = [];
  for (const file of (kustomization.resources ?? []) as string[]) {
    const path = join(dir, 'k8s', file);
    if (!existsSync(path)) throw new DeployFileError(`k8s/kustomization.yaml lists ${file}, which does not exist`);
    parseAllDocuments(readFileSync(path, 'utf8'), { version: '1.1' }).forEach((document, index) => {
      if (document.errors.length) throw new DeployFileError(`k8s/${file} (document ${index + 1}): ${document.errors[0]!.message}`);
      const object = document.toJS() as Record<string, any> | null;
      if (object) kubernetes.push({ file: `k8s/${file}`, index, object });
    });
  }
  const dockerfilePath = join(dir, 'Dockerfile');
  const text = readFileSync(dockerfilePath, 'utf8');
  const targets = [...text.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)\s*$/gim)].map((m) => m[1]!);
  return { dir, compose, kustomization, kubernetes, dockerfile: { path: dockerfilePath, text, targets } };
}

function parseYaml(path: string, version: '1.1' | '1.2'): Record<string, any> {
  try {
    return parse(readFileSync(path, 'utf8'), { version, merge: true }) as Record<string, any>;
  } catch (error) {
    throw new DeployFileError(`${path}: ${(error as Error).message}`);
  }
}
