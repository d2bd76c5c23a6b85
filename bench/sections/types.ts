/** The contract every bench section implements (one file per section, listed in ./index.ts). */

/** What the runner hands a section. */
export interface BenchContext {
  /** `--quick`: smaller sizes and fewer runs (a smoke test of the bench itself). */
  readonly quick: boolean;
  /** Prints a line (or block) of the report. */
  print(text: string): void;
}

/** One bench section: `npm run bench -- --only <name>` runs just this one. */
export interface BenchSection {
  readonly name: string;
  readonly description: string;
  /** Runs the section, prints its table(s), and returns JSON-serialisable results. */
  run(ctx: BenchContext): unknown | Promise<unknown>;
}
