/** Maps GraphQL types to the rows their resolvers receive (see ../../codegen.ts). */
export const mappers = {
  AuditEntry: '../store/audit-record.ts#AuditEntry',
  AuditPrincipal: '../store/audit-record.ts#AuditPrincipal',
  AuditFetch: '../store/audit-record.ts#FetchFields',
  AuditChildAccess: '../store/audit-record.ts#ChildFields',
  AuditFieldRead: '../store/audit-record.ts#FieldRead',
  AuditDeniedField: '../store/audit-record.ts#DeniedField',
  AccessAnomaly: '../anomalies/anomaly.ts#Anomaly',
  AccessNotice: '../notices/notice-view.ts#NoticeView',
  ExchangeLag: '../exchange/exchange-lag.ts#ExchangeLagRow',
  WebhookBacklog: '../exchange/webhook-backlog.ts#WebhookBacklogRow',
};
export const contextType = '../context.ts#AuditContext';
