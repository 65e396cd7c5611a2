export * from './config/gateway-config.ts';
export * from './config/trusted-issuers.ts';
export * from './create-gateway.ts';
export * from './authorization/authenticate.ts';
export { TrustedDocuments, documentHash, type TrustedDocumentsFile } from './limits/trusted-documents.ts';
export { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/operation-limits.ts';
