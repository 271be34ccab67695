import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

/**
 * Every relative link in the README and in docs/*.md points at a file or folder that exists,
 * and every #anchor at a heading of the page it names (GitHub's heading slugs).
 */
const root = process.cwd();
const documents = [
  'README.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
}

function linksOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/i.test(target));
}

describe('links in the README and docs/', () => {
  it('finds the documents and their links', () => {
    expect(documents).toContain('docs/architecture.md');
    expect(linksOf('README.md').length).toBeGreaterThan(10);
  });

  for (const document of documents) {
    it(`${document}: every relative link resolves`, () => {
      const broken = linksOf(document).filter((target) => {
        const [file, anchor] = target.split('#') as [string, string | undefined];
        const resolved = file ? path.resolve(path.dirname(path.join(root, document)), decodeURI(file)) : path.join(root, document);
        if (!fs.existsSync(resolved)) return true;
        return anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor);
      });
      expect(broken).toEqual([]);
    });
  }
});
