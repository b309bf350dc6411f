// Runs after `npm ci`: installs the pinned Temporal tools into .venv so the first
// `npm start` / `npm test` need not. A failure here is not fatal: both retry lazily
// and then stop with the same clear message.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
if (process.env.GZ_SKIP_TOOL_INSTALL === '1') process.exit(0);
const tsx = path.join(__dirname, '..', 'node_modules', '.bin', 'tsx');
const r = spawnSync(tsx, [path.join(__dirname, 'tools.ts')], { stdio: 'inherit' });
if (r.status !== 0) console.warn('guazheng: Temporal tools not installed now; npm start / npm test will try again.');
// The console is built here too (Vite, into web/dist), so the first `npm start` opens at once; start and
// test build it again only if its sources changed since.
const c = spawnSync(tsx, [path.join(__dirname, '..', 'web', 'build.ts')], { stdio: 'inherit' });
if (c.status !== 0) console.warn('guazheng: the console was not built now; npm start / npm test will try again.');
