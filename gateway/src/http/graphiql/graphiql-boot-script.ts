/**
 * The browser script that mounts GraphiQL. It is served as a file (not inlined) so the
 * page's Content-Security-Policy needs no 'unsafe-inline' for scripts; it reads its
 * settings from the page's JSON block, which the browser never executes.
 */
export const GRAPHIQL_BOOT_SCRIPT = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  // Headers stay out of localStorage: they carry a bearer token.
  var props = {
    fetcher: GraphiQL.createFetcher({ url: config.graphqlPath }),
    defaultHeaders: config.defaultHeaders,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: config.defaultHeaders ? 'headers' : false,
  };
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
})();
`;

/** Page layout GraphiQL expects from its host page: the editor fills the window. */
export const GRAPHIQL_PAGE_STYLE = `
html, body { height: 100%; margin: 0; width: 100%; overflow: hidden; }
#graphiql { height: 100vh; }
`;
