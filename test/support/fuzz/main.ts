/**
 * Child-process entry of the fuzzers: `node -r ts-node/register/transpile-only main.ts <target>
 * <numRuns> <seed> <progressFile>`. Prints one line `FUZZ-RESULT <json>`. Run in a child so the
 * parent can kill a hang (a synchronous infinite loop cannot be interrupted in-process).
 */
import { runFuzz, type FuzzTarget } from './shared';

function loadTarget(name: string): FuzzTarget {
  // Required lazily: each target imports only the module it fuzzes.
  if (name === 'qasm') return (require('./qasm-target') as { qasmTarget: FuzzTarget }).qasmTarget;
  if (name === 'csv') return (require('./csv-target') as { csvTarget: FuzzTarget }).csvTarget;
  throw new Error(`unknown fuzz target ${name}`);
}

const [target = 'qasm', runs = '200', seed = '1', progress] = process.argv.slice(2);
const report = runFuzz(loadTarget(target), Number(runs), Number(seed), progress);
process.stdout.write(`FUZZ-RESULT ${JSON.stringify(report)}\n`);
