/** What a registry write's payload is resolved from (and a retry answered with): the child, read after the commit. */
export interface ChildRecordResult {
  childId: string;
}
