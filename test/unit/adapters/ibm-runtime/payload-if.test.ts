import { Circuit } from '../../../../src/circuit';
import { createTarget } from '../../../../src/core/target';
import { buildSamplerJob } from '../../../../adapters/ibm-runtime/payload';

/** A 3-qubit Heron-like line that runs dynamic circuits. */
const target = createTarget({
  numQubits: 3,
  basisGates: ['cz', 'id', 'rz', 'sx', 'x'],
  extraOperations: ['measure', 'reset', 'barrier', 'delay', 'if_else'],
  couplingMap: [[0, 1], [1, 0], [1, 2], [2, 1]],
  maxShots: 100_000,
  requiresIsa: true,
});

describe('Sampler payload of a dynamic ISA circuit (issue 12)', () => {
  it('writes the if block on physical qubits, identities dropped inside bodies too', () => {
    const c = new Circuit(3, 2).sx(0).measure(0, 0);
    c.ifTest({ clbit: 0, value: 1 }, (b) => b.id(1).x(1).cz(1, 2), (b) => b.id(2));
    c.measure(1, 1);
    const built = buildSamplerJob({ kind: 'sampler', pubs: [{ circuit: c }] }, 'dev', target);
    const qasm = (built.body.params as { pubs: unknown[][] }).pubs[0]![0] as string;
    expect(qasm).toContain('if (c[0] == 1) {\n  x $1;\n  cz $1, $2;\n} else {\n}');
    expect(qasm).not.toMatch(/\bid\b/);
  });
});
