/** Maps GraphQL types to the rows their resolvers receive (see ../../codegen.ts). */
export const mappers = {
  AuditEntry: '../store/audit-record.ts#AuditEntry',
};
export const contextType = '../context.ts#AuditContext';
