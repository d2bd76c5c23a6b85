import type { Command } from 'commander';
import { Circuit } from '../../circuit';
import { Statevector } from '../../../simulators/statevector';
import { writeAll, type CliIo } from '../io';

/** `qbridge demo`: a Bell pair sampled on the local simulator, the smallest end-to-end check of an install. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('run a small demonstration on the local simulator')
    .action(async () => {
      const bell = new Circuit(2).h(0).cx(0, 1);
      const sv = Statevector.fromCircuit(bell);
      const counts: Record<string, number> = {};
      for (const i of sv.sampleIndices(1000, 7)) {
        const key = i.toString(2).padStart(2, '0');
        counts[key] = (counts[key] ?? 0) + 1;
      }
      await writeAll(io.stdout, `Bell pair, 1000 shots (seed 7): ${JSON.stringify(counts)}\n`);
    });
}
