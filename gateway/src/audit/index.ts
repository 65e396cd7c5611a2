export { defaultAnchorFile, HUB_DATABASE_URL_VARIABLE, openHubDatabase } from './open-hub-database.ts';
export { publicJwkOf } from './public-jwk.ts';
