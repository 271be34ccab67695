// npm start, as plain JavaScript: compiles scripts/start.ts and what it imports from lib/ with
// esbuild (a bundle of our own code; packages stay in node_modules), then runs the result. The
// server process thus loads no TypeScript compiler: before this, tsx ran scripts/start.ts and
// held the TypeScript sources it had compiled beside the bundle's copies of lib/, and tsx turns
// Node's source maps on, so every server chunk's map (with its sources) was parsed and kept too
// (docs/benchmarks.md, item 4). The compiled files go to node_modules/.cache/gantry-start/ and are
// rebuilt at every start (a fraction of a second), so they never lag behind the sources.
// The chunk hook (scripts/lib/chunk-dedupe.mjs) is loaded first, here and in every Node process
// this one starts (NODE_OPTIONS), so that `next start` on the embedded database has it as well.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { build, stop } from 'esbuild';

const root = process.cwd();
const outdir = path.join(root, 'node_modules', '.cache', 'gantry-start');
const hook = pathToFileURL(path.join(root, 'scripts', 'lib', 'chunk-dedupe.mjs')).href;

await import(hook);
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--import ${JSON.stringify(hook)}`].filter(Boolean).join(' ');

await build({
  entryPoints: [path.join(root, 'scripts', 'start.ts')],
  outdir,
  bundle: true,
  // The fast path's modules are a chunk of their own, loaded only when it is on (PostgreSQL).
  splitting: true,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  platform: 'node',
  target: 'node20',
  packages: 'external',
  conditions: ['react-server'],
  logLevel: 'warning',
});
// esbuild's service process is not needed again (buildSync would keep it, and a worker thread, for the server's life).
await stop();

await import(pathToFileURL(path.join(outdir, 'start.mjs')).href);
