/**
 * Runs a command-line entry point: its known failures print as one clear line (no stack
 * trace), and the process exits non-zero.
 */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const known = error instanceof Error && error.name !== 'Error' && error.name !== 'TypeError';
      console.error(known ? `\n${(error as Error).message}\n` : error);
      process.exit(1);
    },
  );
}
