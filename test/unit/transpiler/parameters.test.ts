import { Circuit } from '../../../src/circuit/circuit';
import { Parameter, ParameterExpression } from '../../../src/circuit/parameter';
import { checkIsa, transpile } from '../../../src/transpiler';
import { simulateStatevector } from '../../../simulators/statevector';
import { compressCircuit } from '../../../simulators/fake/compress';
import { kernelCircuit } from '../../support/circuits';
import { fakeTarget, overlapWithLayout } from '../../support/transpiler';

describe('parameterised templates', () => {
  test.each(['fake_hanoi', 'fake_brisbane', 'fake_fez'])('kernel template on %s: transpile once, bind many = bind then transpile', (name) => {
    const target = fakeTarget(name);
    const template = kernelCircuit(3, 2);
    const t = transpile(template, target, { optimizationLevel: 1, seed: 3 });
    expect(t.circuit.parameters).toEqual(template.parameters);
    checkIsa(t.circuit, target);
    // P gates leave a parameter-dependent global phase: it must stay symbolic, not be dropped.
    expect(t.circuit.globalPhase).toBeInstanceOf(ParameterExpression);
    const rows = [
      [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
      [2.9, -1.3, 0.0, 1.7, 3.1, -0.8],
      [0.1, 0.2, 0.3, 0.1, 0.2, 0.3],
    ];
    for (const row of rows) {
      const bound = template.assignParameters(row);
      const viaTemplate = { ...t, circuit: t.circuit.assignParameters(row) };
      expect(overlapWithLayout(bound, viaTemplate).re).toBeGreaterThan(1 - 1e-9);
      const direct = transpile(bound, target, { optimizationLevel: 1, seed: 3 });
      expect(overlapWithLayout(bound, direct).re).toBeGreaterThan(1 - 1e-9);
      if (JSON.stringify(direct.layout) === JSON.stringify(t.layout)) {
        // same placement: the physical states themselves agree, phase included
        const a = simulateStatevector(compressCircuit(viaTemplate.circuit, t.layout.final).circuit);
        const b = simulateStatevector(compressCircuit(direct.circuit, t.layout.final).circuit);
        if (a.re.length === b.re.length) for (let i = 0; i < a.re.length; i++) expect(a.re[i]!).toBeCloseTo(b.re[i]!, 9);
      }
    }
  });

  test('symbolic angles stay exact expressions (no numeric rounding of parameters)', () => {
    const th = new Parameter('th');
    const c = new Circuit(2).rx(th, 0).cp(th.mul(2), 0, 1).ry(th.add(1), 1);
    const r = transpile(c, fakeTarget('fake_line5'), { optimizationLevel: 2 });
    expect(r.circuit.parameters).toEqual(['th']);
    for (const v of [-3, 0.25, 1.5]) {
      expect(overlapWithLayout(c.assignParameters({ th: v }), { ...r, circuit: r.circuit.assignParameters({ th: v }) }).re).toBeGreaterThan(1 - 1e-9);
    }
  });
});
