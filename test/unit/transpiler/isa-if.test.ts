import { Circuit } from '../../../src/circuit/circuit';
import { CircuitValidationError } from '../../../src/core/errors';
import { createTarget } from '../../../src/core/target';
import { checkIsa, isIsa, IsaValidationError, transpile } from '../../../src/transpiler';
import { fakeTarget } from '../../support/transpiler';

describe('ISA check and transpiler with if_else blocks (issue 12)', () => {
  // A 3-qubit line with IBM's Heron gates and classical control, as a dynamic-circuit device declares it.
  const dynamic = createTarget({
    numQubits: 3,
    basisGates: ['rz', 'sx', 'x', 'cz'],
    extraOperations: ['measure', 'barrier', 'reset', 'if_else'],
    couplingMap: [[0, 1], [1, 0], [1, 2], [2, 1]],
    requiresIsa: true,
  });

  const violation = (c: Circuit, target = dynamic): IsaValidationError => {
    try {
      checkIsa(c, target);
    } catch (e) {
      expect(e).toBeInstanceOf(IsaValidationError);
      return e as IsaValidationError;
    }
    throw new Error('expected an ISA violation');
  };

  it('accepts native instructions on edges inside bodies', () => {
    const c = new Circuit(3, 2).sx(0).measure(0, 0);
    c.ifTest({ clbit: 0, value: 1 }, (b) => b.cz(1, 2).x(2), (b) => b.rz(0.3, 0).measure(1, 1));
    expect(isIsa(c, dynamic)).toBe(true);
  });

  it('recurses into bodies: a non-native gate or a non-edge inside a block is named with its place', () => {
    const h = new Circuit(3, 1).measure(0, 0).ifTest({ clbit: 0, value: 1 }, (b) => b.x(1), (b) => b.h(1));
    const e1 = violation(h);
    expect(e1.violation).toBe('not-native');
    expect(e1.message).toMatch(/instruction 1, false body instruction 0 \(h on qubit 1\)/);
    const edge = new Circuit(3, 1)
      .measure(0, 0)
      .ifTest({ clbit: 0, value: 1 }, (b) => b.ifTest({ clbit: 0, value: 1 }, (bb) => bb.x(1).cz(0, 2)));
    const e2 = violation(edge);
    expect(e2.violation).toBe('not-an-edge');
    expect(e2.message).toMatch(/instruction 1, true body instruction 0, true body instruction 1 \(cz on qubits 0, 2\)/);
  });

  it('fake_fez declares if_else (IBM Heron runs dynamic circuits); a target without it refuses the block by name', () => {
    const isa = new Circuit(3, 1).measure(0, 0).ifTest({ clbit: 0, value: 1 }, (b) => b.x(1));
    expect(isIsa(isa, fakeTarget('fake_fez'))).toBe(true);
    const c = new Circuit(3, 1).measure(0, 0).ifTest({ clbit: 0, value: 1 }, (b) => b.x(1));
    const staticOnly = createTarget({ numQubits: 3, basisGates: ['rz', 'sx', 'x', 'cz'], couplingMap: [[0, 1], [1, 0]], requiresIsa: true });
    const e = violation(c, staticOnly);
    expect(e.violation).toBe('not-native');
    expect(e.message).toMatch(/'if_else' is not a native operation/);
  });

  it('nested if_else transpiles: the inner block is routed from where it lands; both conditions hold → q2 flipped, with the layout restored', async () => {
    const { createFakeBackend } = await import('../../../simulators/fake');
    const { Sampler } = await import('../../../src/primitives/sampler');
    // c0 = c1 = 1 always (x then measure), so the inner body runs: cx(0, 2) with q0 = |1⟩ flips q2.
    const c = new Circuit(3, 3).x(0).x(1).measure(0, 0).measure(1, 1);
    c.ifTest({ clbit: 0, value: 1 }, (b) => b.ifTest({ clbit: 1, value: 1 }, (bb) => bb.cx(0, 2)));
    c.measure(2, 2).measure(0, 0);
    const target = fakeTarget('fake_fez');
    const t = transpile(c, target, { initialLayout: [0, 1, 10] });
    expect(isIsa(t.circuit, target)).toBe(true);
    const outer = t.circuit.instructions.find((i) => i.name === 'if_else')!;
    const inner = outer.blocks![0]!.find((i) => i.name === 'if_else')!;
    expect(inner.blocks![0]!.filter((i) => i.name === 'cz').length).toBeGreaterThan(1);
    const b = await createFakeBackend('fake_fez');
    const k = (await (await new Sampler(b, { shots: 200, seed: 1, transpile: false }).run([t.circuit])).result())[0]!.data.c!.getCounts();
    expect(k).toEqual({ '111': 200 });
  });
});

describe('transpiling if_else for a device (issue 12: one layout, bodies routed, their SWAPs undone)', () => {
  const counts = async (isa: Circuit, shots: number, seed: number): Promise<Record<string, number>> => {
    const { createFakeBackend } = await import('../../../simulators/fake');
    const { Sampler } = await import('../../../src/primitives/sampler');
    const b = await createFakeBackend('fake_fez');
    const res = await (await new Sampler(b, { shots, seed, transpile: false }).run([isa])).result();
    return res[0]!.data.c!.getCounts();
  };

  it('teleportation on fake_fez: an ISA circuit whose third qubit reads 1 with probability sin²(θ/2), Bell outcomes uniform', async () => {
    const theta = 1.1;
    const c = new Circuit(3, 3).ry(theta, 0).h(1).cx(1, 2).cx(0, 1).h(0).measure(0, 0).measure(1, 1);
    c.ifTest({ clbit: 1, value: 1 }, (b) => b.x(2)).ifTest({ clbit: 0, value: 1 }, (b) => b.z(2)).measure(2, 2);
    const t = transpile(c, fakeTarget('fake_fez'), { seed: 4 });
    expect(isIsa(t.circuit, fakeTarget('fake_fez'))).toBe(true);
    expect(t.circuit.instructions.filter((i) => i.name === 'if_else')).toHaveLength(2);
    const shots = 20_000;
    const k = await counts(t.circuit, shots, 5);
    const p1 = Math.sin(theta / 2) ** 2;
    const ones = Object.entries(k).filter(([key]) => key[0] === '1').reduce((a, [, v]) => a + v, 0);
    expect(Math.abs(ones / shots - p1)).toBeLessThan(4 * Math.sqrt((p1 * (1 - p1)) / shots));
    for (const bell of ['00', '01', '10', '11']) {
      const n = Object.entries(k).filter(([key]) => key.slice(1) === bell).reduce((a, [, v]) => a + v, 0);
      expect(Math.abs(n / shots - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / shots));
    }
  });

  it('a body whose two-qubit gate spans distant qubits is routed inside the block and its SWAPs undone: the later measurement reads the right qubit', async () => {
    const target = fakeTarget('fake_fez');
    // Virtual 0 on physical 0 and virtual 1 on physical 10: not neighbours on Heron's lattice.
    const c = new Circuit(3, 3).x(0).h(2).measure(2, 0);
    c.ifTest({ clbit: 0, value: 1 }, (b) => b.cx(0, 1));
    c.measure(1, 1).measure(0, 2);
    const t = transpile(c, target, { initialLayout: [0, 10, 1] });
    expect(isIsa(t.circuit, target)).toBe(true);
    const block = t.circuit.instructions.find((i) => i.name === 'if_else')!;
    // One CX needs only one cz; routing across the lattice needs SWAPs (3 cz each), there and back.
    expect(block.blocks![0]!.filter((i) => i.name === 'cz').length).toBeGreaterThan(6);
    const k = await counts(t.circuit, 4000, 9);
    // c2 (qubit 0) is always 1; c1 copies c0 (the cx fired exactly when c0 = 1): only 100 and 111.
    expect(Object.keys(k).sort()).toEqual(['100', '111']);
    expect(Math.abs(k['111']! / 4000 - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / 4000));
  });
});

describe('transpiling while_loop (issue 12)', () => {
  it('a loop body with a two-qubit gate across the line is routed and restored every iteration: c1 = iterations mod 2 has P(1) = 1/3', async () => {
    const { createLocalBackend } = await import('../../../simulators/local');
    const { Sampler } = await import('../../../src/primitives/sampler');
    const { makeWhileLoop } = await import('../../../src/circuit/control-flow');
    const line = createTarget({
      numQubits: 3,
      basisGates: ['rz', 'sx', 'x', 'cz'],
      couplingMap: [[0, 1], [1, 0], [1, 2], [2, 1]],
      requiresIsa: true,
      extraOperations: ['measure', 'barrier', 'reset', 'delay', 'if_else', 'while_loop'],
    });
    // h q0; c0 = measure q0; while (c0 == 1) { cx q0, q1; h q0; c0 = measure q0; } c1 = measure q1.
    // Each iteration starts with q0 = |1⟩, so it flips q1; the number of iterations N has
    // P(N = k) = 2^−(k+1), and P(N odd) = 1/4 + 1/16 + … = 1/3.
    const body = new Circuit(3, 2).cx(0, 1).h(0).measure(0, 0).instructions;
    const c = new Circuit(3, 2).h(0).measure(0, 0);
    c.appendInstruction(makeWhileLoop({ clbits: [0], value: 1 }, body));
    c.measure(1, 1);
    const t = transpile(c, line, { initialLayout: [0, 2, 1] });
    expect(isIsa(t.circuit, line)).toBe(true);
    const loop = t.circuit.instructions.find((i) => i.name === 'while_loop')!;
    expect(loop.blocks![0]!.filter((i) => i.name === 'cz').length).toBeGreaterThan(1);
    const shots = 12_000;
    const b = createLocalBackend();
    const res = await (await new Sampler(b, { shots, seed: 8, transpile: false }).run([t.circuit])).result();
    const k = res[0]!.data.c!.getCounts();
    expect(Object.keys(k).sort()).toEqual(['00', '10']);
    expect(Math.abs(k['10']! / shots - 1 / 3)).toBeLessThan(4 * Math.sqrt((1 / 3) * (2 / 3) / shots));
  });
});

describe('a dynamic ISA circuit on fake_fez (issue 12)', () => {
  it('samples exactly without noise (bodies renumbered with the touched qubits) and is refused with noise', async () => {
    const { createFakeBackend } = await import('../../../simulators/fake');
    const { Sampler } = await import('../../../src/primitives/sampler');
    // Physical qubits 3 and 16 are a cz edge of ibm_fez; q16 copies q3's random outcome by feed-forward.
    const c = new Circuit(156, 2).sx(3).measure(3, 0);
    c.ifTest({ clbit: 0, value: 1 }, (b) => b.x(16));
    c.measure(16, 1);
    const fez = await createFakeBackend('fake_fez');
    const pub = (await (await new Sampler(fez, { shots: 400, seed: 4 }).run([c])).result()).pubs[0]!;
    expect(pub.metadata.method).toBe('branching');
    const counts = pub.data.c!.getCounts();
    expect(Object.keys(counts).sort()).toEqual(['00', '11']);
    const noisy = await createFakeBackend('fake_fez', { noise: true });
    await expect(new Sampler(noisy, { shots: 10 }).run([c])).rejects.toThrow(/noise model does not cover classical control/);
  });
});
