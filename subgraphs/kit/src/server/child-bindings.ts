/** A row reached from two different children's records, or from a place with no known child. */
const AMBIGUOUS = Symbol('ambiguous');

/**
 * Whose record each object resolved in one request belongs to, so that a SENSITIVE field
 * opened by a protection case or break-glass is read for one child only. A Child object
 * is its own child's record; every other object belongs to the child of the object it was
 * resolved from (its connection, edge, row), i.e. to the nearest enclosing Child — the
 * gateway's rule, applied here to the rows actually resolved. An object reached from two
 * children, or from a place with no child (a root list), belongs to none: fail closed.
 */
export class ChildBindings {
  private readonly bindings = new WeakMap<object, string | typeof AMBIGUOUS>();
  private breakGlassChild: string | undefined;

  /** The child whose record `source` is part of; undefined when unknown or ambiguous. */
  childOf(source: unknown): string | undefined {
    if (typeof source !== 'object' || source === null) return undefined;
    const binding = this.bindings.get(source);
    return typeof binding === 'string' ? binding : undefined;
  }

  /** Records that what a field returned (an object, a list of them, a promise of either) is part of `childId`'s record. */
  bindResult<T>(value: T, childId: string | undefined): T {
    if (value instanceof Promise) return value.then((resolved: unknown) => this.bindResult(resolved, childId)) as T;
    this.bind(value, childId);
    return value;
  }

  /**
   * Break-glass opens one child per subgraph request: the first child read under it, and
   * only that one. Across the fetches of one operation the gateway's token names the child
   * (`breakGlassChild`, checked by `decide`) whenever the operation looked it up by hub id.
   */
  claimBreakGlass(childId: string): boolean {
    this.breakGlassChild ??= childId;
    return this.breakGlassChild === childId;
  }

  private bind(value: unknown, childId: string | undefined): void {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) this.bind(item, childId);
      return;
    }
    const existing = this.bindings.get(value);
    this.bindings.set(value, childId !== undefined && (existing === undefined || existing === childId) ? childId : AMBIGUOUS);
  }
}
