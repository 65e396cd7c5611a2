export { AuditStage, type AuditSink } from './audit-stage.ts';
export { HUB_DATABASE_URL_VARIABLE, openHubDatabase } from './open-hub-database.ts';
export { publicJwkOf } from './public-jwk.ts';
