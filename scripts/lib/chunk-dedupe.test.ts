import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const hook = pathToFileURL(path.join(process.cwd(), 'scripts', 'lib', 'chunk-dedupe.mjs')).href;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-chunks-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

// Chunks in Turbopack's server format: module.exports = [module id, factory, …], then the map comment.
const chunk = (id: number, map: string) => `module.exports=[${id},e=>{e.s(["v",0,${id}])}];\n\n//# sourceMappingURL=${map}.map\n`;
const files: Record<string, string> = {
  '.next/server/chunks/a._.js': chunk(1, 'a._.js'),
  '.next/server/chunks/b._.js': chunk(1, 'b._.js'),
  '.next/server/chunks/c._.js': chunk(2, 'c._.js'),
  '.next/server/chunks/ssr/d._.js': chunk(1, 'd._.js'),
  'other/a._.js': chunk(1, 'a._.js'),
  'other/b._.js': chunk(1, 'b._.js'),
};
for (const [name, text] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), text);
}
fs.writeFileSync(path.join(root, 'package.json'), '{"type":"commonjs"}');
// Which of the files above share one exports object when required in that order.
const probe = `const names = ${JSON.stringify(Object.keys(files))};
const loaded = names.map((name) => require('./' + name));
console.log(JSON.stringify(names.map((name, i) => names[loaded.findIndex((exports) => exports === loaded[i])])));`;

async function sharing(withHook: boolean): Promise<Record<string, string>> {
  const { stdout } = await run(process.execPath, [...(withHook ? ['--import', hook] : []), '-e', probe], { cwd: root });
  const firsts = JSON.parse(stdout) as string[];
  return Object.fromEntries(Object.keys(files).map((name, i) => [name, firsts[i]!]));
}

describe('the server chunk hook (scripts/lib/chunk-dedupe.mjs)', () => {
  it('answers a chunk identical to one already loaded from the same folder with that chunk’s exports, and loads anything else as ever', async () => {
    expect(await sharing(true)).toEqual({
      '.next/server/chunks/a._.js': '.next/server/chunks/a._.js',
      '.next/server/chunks/b._.js': '.next/server/chunks/a._.js',
      '.next/server/chunks/c._.js': '.next/server/chunks/c._.js',
      '.next/server/chunks/ssr/d._.js': '.next/server/chunks/ssr/d._.js',
      'other/a._.js': 'other/a._.js',
      'other/b._.js': 'other/b._.js',
    });
    // Without it, every file is a module of its own.
    expect(Object.entries(await sharing(false)).every(([name, first]) => name === first)).toBe(true);
  });
});
