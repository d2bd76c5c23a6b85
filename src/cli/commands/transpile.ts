import type { Command } from 'commander';
import { toQasm3 } from '../../circuit/qasm';
import { transpile } from '../../transpiler';
import { writeAll, type CliIo } from '../io';
import { integerFlag } from '../flags';
import { readCircuitFile } from '../read-circuit';
import { resolveCliBackend } from './backends';

/**
 * `qbridge transpile FILE --backend NAME [--optimization-level 0..3] [--seed S] [--json]`:
 * transpiles an OpenQASM 2/3 program for a backend's target and prints the ISA circuit as
 * OpenQASM 3 on physical qubits (`$k`), followed by a summary in `//` comments (so the output
 * is still a valid program): depth, two-qubit gates, SWAPs, lower bound, layout.
 */
export function registerTranspile(program: Command, io: CliIo): void {
  program
    .command('transpile')
    .description('transpile an OpenQASM 2/3 file to an ISA circuit for a backend and print it as OpenQASM 3')
    .argument('<file>', 'OpenQASM source file')
    .requiredOption('--backend <name>', 'backend whose target to transpile for (e.g. fake_fez)')
    .option('--optimization-level <n>', 'optimisation level 0..3', '1')
    .option('--seed <s>', 'seed of the layout/routing trials', '0')
    .option('--json', 'print {"backend", "qasm", "layout", "stats"} as one JSON object')
    .action(async (file: string, opts: { backend: string; optimizationLevel: string; seed: string; json?: boolean }) => {
      const level = integerFlag('--optimization-level', opts.optimizationLevel, 0, 3) as 0 | 1 | 2 | 3;
      const seed = integerFlag('--seed', opts.seed, 0, 2 ** 32 - 1);
      const circuit = await readCircuitFile(file);
      const backend = await resolveCliBackend(opts.backend, io);
      const r = transpile(circuit, backend.target, { optimizationLevel: level, seed });
      const qasm = toQasm3(r.circuit, { physicalQubits: true });
      if (opts.json) {
        await writeAll(io.stdout, `${JSON.stringify({ backend: backend.name, qasm, layout: r.layout, stats: r.stats })}\n`);
        return;
      }
      const s = r.stats;
      const summary = [
        `// transpiled for ${backend.name} (optimization level ${level}, seed ${seed})`,
        `// depth ${s.depth}, two-qubit gates ${s.twoQubitGates} (before routing ${s.twoQubitGatesBeforeRouting}), swaps ${s.swaps}`,
        `// layout: circuit qubit → physical qubit, initial [${r.layout.initial.join(', ')}], final [${r.layout.final.join(', ')}]`,
      ];
      await writeAll(io.stdout, `${qasm.endsWith('\n') ? qasm : `${qasm}\n`}${summary.join('\n')}\n`);
    });
}
