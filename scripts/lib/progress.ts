/**
 * One line per step of a long command, with counts and elapsed time. On a terminal the line is
 * rewritten as the step advances; in a log (not a TTY) a step prints a line at most every ten
 * seconds and once when it finishes.
 */
export interface StepProgress {
  step: string;
  done: number;
  total: number;
  elapsedMs: number;
  finished: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');

export function formatProgress({ step, done, total, elapsedMs }: StepProgress): string {
  const share = total > 0 ? Math.floor((100 * done) / total) : 100;
  return `  ${step.padEnd(34)} ${count(done).padStart(9)} / ${count(total).padEnd(9)} ${String(share).padStart(3)} %  ${(elapsedMs / 1000).toFixed(1).padStart(6)} s`;
}

export function progressPrinter(stream: NodeJS.WriteStream = process.stdout) {
  let lastLogged = 0;
  return (progress: StepProgress) => {
    const line = formatProgress(progress);
    if (stream.isTTY) {
      stream.write(`\r\x1b[2K${line}${progress.finished ? '\n' : ''}`);
      return;
    }
    const due = progress.done < progress.total && progress.elapsedMs - lastLogged >= 10_000;
    if (progress.finished || due) {
      stream.write(`${line}\n`);
      lastLogged = progress.finished ? 0 : progress.elapsedMs;
    }
  };
}
