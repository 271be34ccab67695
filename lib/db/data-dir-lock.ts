import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite's data folder has no lock of its own: two processes that open one folder both
 * succeed and corrupt it. Gantry holds a lock file (with its pid) for as long as it has the
 * folder open, and refuses a second opener with a message that says who holds it.
 */
export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `Another Gantry process (pid ${pid}) holds the embedded database in ${dataDir}. ` +
        'Stop it first, or point GANTRY_DATA_DIR at another folder, or serve the folder ' +
        'through PostgreSQL and set DATABASE_URL.',
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_FILE = 'gantry.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock, creating the folder if needed; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      // The holder is gone (a crash or a kill -9): the lock is stale, take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
