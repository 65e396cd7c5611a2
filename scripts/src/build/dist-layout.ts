/**
 * The layout of the production build, relative to its output directory (`dist/` by default):
 * the bundles at its top (`node dist/gateway.js`), the files they read at run time under
 * `app/` in the repository's own layout, and the packages they import under `node_modules/`.
 */
export const APP_DIR = 'app';
export const NODE_MODULES_DIR = 'node_modules';
/** What the build wrote and from what: entries, packages and their versions, the sources' hash. */
export const BUILD_MANIFEST = 'build-manifest.json';
