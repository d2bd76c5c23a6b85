import { addA } from './angles';
import { type Op, type Program } from './ir';
import { translate1q } from './synthesis-1q';

/**
 * Basis translation, stage 3: every one-qubit gate becomes `rz`/`sx`/`x` (exact ZSX synthesis,
 * global phase tracked). Gates already native pass unchanged; `id` is dropped (IBM rejects a
 * bare `id` in OpenQASM 3, and it does nothing).
 */
export function translateOneQubit(p: Program, native: ReadonlySet<string>): Program {
  const ops: Op[] = [];
  let phase = p.globalPhase;
  for (const o of p.ops) {
    if (o.qubits.length !== 1 || o.name === 'measure' || o.name === 'reset' || o.name === 'barrier' || o.name === 'delay') {
      ops.push(o);
      continue;
    }
    if (o.name === 'id') continue;
    if (native.has(o.name)) {
      ops.push(o);
      continue;
    }
    const s = translate1q(o);
    ops.push(...s.ops);
    phase = addA(phase, s.phase);
  }
  return { numQubits: p.numQubits, ops, globalPhase: phase };
}
