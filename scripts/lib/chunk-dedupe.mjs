// Loaded before Next.js by `npm start` (scripts/start.mjs, and through NODE_OPTIONS in the
// processes it starts): one copy of each server chunk in memory.
//
// Turbopack writes the same chunk several times under different names: in the current build, one
// 312 kB chunk (lib/db and what it imports) is written 17 times, once per group of route handlers,
// and the pages' 726 kB chunk twice. Each file is a CommonJS module whose exports are
// [module ids…, factory, …]; Turbopack's runtime installs a factory only for an id that has none
// yet, so a second copy adds nothing but its source text (held by V8 for as long as the process
// lives, as two-byte text when it holds one non-Latin-1 character) and its compiled code: about
// 10 MiB of strings in a heap snapshot of the production server. Here a chunk whose text (apart
// from its source-map comment) equals one already loaded from the same folder answers with that
// module's exports instead of being compiled again. Anything else loads as ever.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

const chunks = path.join(process.cwd(), '.next', 'server', 'chunks') + path.sep;
const loadJs = Module._extensions['.js'];
const loaded = new Map();

if (!loadJs.gantryChunkDedupe) {
  // Node's loader for CommonJS .js files (Module._extensions: a long-lived, documentation-only deprecated API).
  const dedupe = function (module, filename) {
    if (!filename.startsWith(chunks)) return loadJs(module, filename);
    const text = fs.readFileSync(filename, 'utf8').replace(/\n\/\/# sourceMappingURL=[^\n]*\s*$/, '');
    const key = `${path.dirname(filename)}\n${crypto.createHash('sha256').update(text).digest('base64')}`;
    const first = loaded.get(key);
    if (first) {
      module.exports = first.exports;
      return;
    }
    loadJs(module, filename);
    loaded.set(key, module);
  };
  dedupe.gantryChunkDedupe = true;
  Module._extensions['.js'] = dedupe;
}
