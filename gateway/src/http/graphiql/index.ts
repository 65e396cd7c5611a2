export { createGraphiqlHandler, GRAPHIQL_PATH, type GraphiqlHandler, type GraphiqlOptions } from './create-graphiql-handler.ts';
export { GRAPHIQL_CSP } from './graphiql-security-headers.ts';
