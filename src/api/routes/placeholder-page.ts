/** Served at `/` until the dashboard lands: tells a new user what to do next. */
export const DASHBOARD_PLACEHOLDER = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Casare</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; color: #1d2430; }
  code, pre { background: #eef1f5; border-radius: 4px; padding: 0.1rem 0.3rem; }
  pre { padding: 0.75rem; overflow-x: auto; }
  @media (prefers-color-scheme: dark) { body { background: #12161c; color: #e6e9ee; } code, pre { background: #222a35; } }
</style></head>
<body>
<main>
  <h1>Casare orchestrator</h1>
  <p>The orchestrator is running. The dashboard arrives in a later release; until then use the CLI or the API.</p>
  <h2>Run a workflow</h2>
  <pre>casare submit my-workflow.json --wait</pre>
  <p>The admin API key is in <code>.casare/admin-key</code> (embedded mode).</p>
  <ul>
    <li><a href="/openapi.json">OpenAPI document</a></li>
    <li><a href="/health/ready">Readiness</a> · <a href="/metrics">Prometheus metrics</a></li>
  </ul>
</main>
</body></html>
`;
