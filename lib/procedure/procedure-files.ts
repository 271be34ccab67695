import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();

function findFiles(dir: string, name: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(relative, name));
    else if (entry.name === name) found.push(relative);
  }
  return found.sort();
}

/**
 * For the tests that walk every procedure: the files that export server actions (every
 * `actions.ts` under app/ and lib/) and the API routes (every app/api/**\/route.ts), relative to
 * the repository root, sorted.
 */
export function procedureFiles(): { actionFiles: string[]; routeFiles: string[] } {
  return { actionFiles: [...findFiles('app', 'actions.ts'), ...findFiles('lib', 'actions.ts')], routeFiles: findFiles('app/api', 'route.ts') };
}
