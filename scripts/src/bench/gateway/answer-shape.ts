/**
 * Where `other` differs in shape from `reference` (same keys, same kinds of values, lists of
 * the same length), as JSON paths. With `mayWithhold`, a null in `other` where `reference`
 * has a value is no difference: the hub nulls what its policy withholds, and that is its
 * answer's shape, not an error. Values themselves are not compared.
 */
export function shapeDifferences(reference: unknown, other: unknown, mayWithhold: boolean, path = '$'): string[] {
  if (other === null && (reference === null || mayWithhold)) return [];
  const kind = kindOf(reference);
  if (kind !== kindOf(other)) return [`${path}: ${kind} here, ${kindOf(other)} there`];
  if (Array.isArray(reference)) {
    const list = other as unknown[];
    if (reference.length !== list.length) return [`${path}: ${reference.length} items here, ${list.length} there`];
    return reference.flatMap((item, i) => shapeDifferences(item, list[i], mayWithhold, `${path}[${i}]`));
  }
  if (kind === 'object') {
    const a = reference as Record<string, unknown>;
    const b = other as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => (key in a && key in b ? shapeDifferences(a[key], b[key], mayWithhold, `${path}.${key}`) : [`${path}.${key}: ${key in a ? 'missing there' : 'not here'}`]));
  }
  return [];
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}
