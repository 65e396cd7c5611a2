import type { GraphiqlAssets } from './graphiql-assets.ts';

/** What the page tells the boot script: where to send operations and what to pre-fill. */
export interface GraphiqlPageConfig {
  graphqlPath: string;
  /** Pretty-printed JSON for the headers editor, or undefined for an empty editor. */
  defaultHeaders: string | undefined;
}

/** The GraphiQL HTML page: assets by hashed path, settings in a JSON block, nothing inline that runs. */
export function renderGraphiqlPage(assetsPath: string, assets: GraphiqlAssets, config: GraphiqlPageConfig): string {
  const src = (name: string) => `${assetsPath}/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lbc-hub · GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${src(assets.style.name)}">
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="graphiql-config" type="application/json">${jsonForScriptBlock(config)}</script>
<script src="${src(assets.react.name)}"></script>
<script src="${src(assets.reactDom.name)}"></script>
<script src="${src(assets.graphiql.name)}"></script>
<script src="${src(assets.boot.name)}"></script>
</body>
</html>
`;
}

/** JSON that cannot close its <script> block or start markup, whatever the strings hold. */
function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
