export * from './read-json-body.ts';
export * from './send-json.ts';
export * from './start-http-server.ts';
export * from './readiness.ts';
