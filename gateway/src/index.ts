export * from './config/gateway-config.ts';
export * from './config/trusted-issuers.ts';
export * from './create-gateway.ts';
export * from './pipeline/authenticate.ts';
