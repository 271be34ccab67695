import 'server-only';

import { MemoryFS, type PGlite } from '@electric-sql/pglite';

/**
 * An in-memory PGlite's data directory, held as its files, for opening copies of it
 * (`connect({ kind: 'pglite-memory', from })`). The tests migrate and seed once and open a copy
 * for every file; a copy written straight into a new instance's file system costs about half
 * the processor time of PGlite's own route (`dumpDataDir` then `loadDataDir`), which parses a
 * 47 MB tar archive and resolves every parent folder of its 1,700 entries once per copy
 * (docs/testing.md, "CI").
 */
export interface PgliteSnapshot {
  readonly files: readonly { path: string; data: Uint8Array | null }[];
}

/** Where PGlite keeps its data directory in its virtual file system (PGDATA). */
const DATA_DIR = '/pglite/data';

/** The data directory of `client` as it is now (taken between queries, as dumpDataDir does). */
export function takeSnapshot(client: PGlite): Promise<PgliteSnapshot> {
  return client.runExclusive(async () => {
    const fs = client.Module.FS;
    const files: { path: string; data: Uint8Array | null }[] = [];
    const walk = (dir: string) => {
      for (const name of fs.readdir(dir)) {
        if (name === '.' || name === '..') continue;
        const entry = `${dir}/${name}`;
        if (fs.isDir(fs.stat(entry).mode)) {
          files.push({ path: entry, data: null });
          walk(entry);
        } else {
          // readFile returns a copy, so later writes to `client` leave the snapshot alone.
          files.push({ path: entry, data: fs.readFile(entry, { encoding: 'binary' }) });
        }
      }
    };
    walk(DATA_DIR);
    if (!files.some((file) => file.path === `${DATA_DIR}/PG_VERSION`)) throw new Error(`No PostgreSQL data directory at ${DATA_DIR} in this PGlite`);
    return { files };
  });
}

/**
 * An in-memory file system that starts as a copy of `snapshot`: PGlite then finds a data
 * directory and starts on it, as it does on a folder on disk. Each file is copied (writeFile),
 * so instances opened from one snapshot share nothing.
 */
export class SnapshotMemoryFS extends MemoryFS {
  constructor(private readonly snapshot: PgliteSnapshot) {
    super();
  }

  override async initialSyncFs(): Promise<void> {
    const fs = this.pg!.Module.FS;
    fs.mkdirTree(DATA_DIR);
    // Parents come before their entries (the walk above), so no path needs resolving twice.
    for (const { path, data } of this.snapshot.files) {
      if (data) fs.writeFile(path, data);
      else fs.mkdir(path);
    }
  }
}
