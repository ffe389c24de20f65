#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by npm start/test).
import('../dist/cli/main.js').catch((err) => {
  if (err?.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('casare: not built yet; run `npm run build` first\n');
  } else {
    process.stderr.write(`casare: ${err?.message ?? err}\n`);
  }
  process.exit(2);
});
