import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A configuration the process cannot start with: every variable at fault, each with why. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment through a zod object schema whose keys are variable names. On
 * failure throws a ConfigError naming every variable at fault (not only the first), in
 * words an operator can act on; the process prints it and exits non-zero, without a stack.
 */
export function parseEnv<Shape extends z.ZodRawShape>(shape: Shape, env: NodeJS.ProcessEnv): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
}

/** Common variable types, so every service words the same mistake the same way. */
export const env = {
  /** A TCP port, 0 for an ephemeral one. */
  port: (fallback: number) =>
    z.coerce
      .number({ error: 'must be a port number (0-65535)' })
      .int('must be a port number (0-65535)')
      .min(0, 'must be a port number (0-65535)')
      .max(65535, 'must be a port number (0-65535)')
      .default(fallback),
  /** A positive whole number of some unit, named in the message. */
  positiveInt: (unit: string, fallback: number) =>
    z.coerce
      .number({ error: `must be a whole number of ${unit}` })
      .int(`must be a whole number of ${unit}`)
      .positive(`must be a positive number of ${unit}`)
      .default(fallback),
  /** An on/off switch: exactly 1/true/yes or 0/false/no, never guessed. */
  flag: (fallback: boolean) =>
    z
      .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be 1 or 0 (true/false, yes/no)' })
      .optional()
      .transform((value) => (value === undefined ? fallback : ['1', 'true', 'yes'].includes(value))),
  /** An http(s) URL. */
  httpUrl: () => z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  /** A postgres:// URL. */
  postgresUrl: () => z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  /** A host name or address to listen on. */
  host: (fallback: string) => z.string().min(1, 'must name a host or address').default(fallback),
  /**
   * A JSON file that must exist and parse; the value is what `read` makes of its content
   * (it throws, in words, when the content is not what the variable promises).
   */
  jsonFile: <T>(fallback: string, read: (content: unknown) => T) =>
    z
      .string()
      .min(1, 'must name a file')
      .default(fallback)
      .transform((path, context) => {
        try {
          return read(JSON.parse(readFileSync(path, 'utf8')));
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'not readable' : error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message;
          context.addIssue({ code: 'custom', message: `${path}: ${why}` });
          return z.NEVER;
        }
      }),
};
