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

  it('transpiling if blocks for a fake device is a typed error naming the construct', () => {
    const c = new Circuit(2, 1).h(0).measure(0, 0).ifTest({ clbit: 0, value: 1 }, (b) => b.x(1));
    expect(() => transpile(c, fakeTarget('fake_fez'))).toThrow(CircuitValidationError);
    expect(() => transpile(c, fakeTarget('fake_fez'))).toThrow(/if_else.*classical control \(if\/else blocks\).*not supported yet/);
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
