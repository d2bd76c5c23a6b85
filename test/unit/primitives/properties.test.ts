import fc from 'fast-check';
import { Circuit } from '../../../src/circuit/circuit';
import { Estimator } from '../../../src/primitives/estimator';
import { Sampler } from '../../../src/primitives/sampler';
import { Statevector } from '../../../simulators/statevector';
import { createLocalBackend } from '../../../simulators/local';

const backend = createLocalBackend();
const N = 3;

/** Random circuits over a few rotation and entangling gates on N qubits. */
const gateArb = fc.oneof(
  fc.record({ g: fc.constantFrom('rx', 'ry', 'rz'), q: fc.nat(N - 1), t: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }) }),
  fc.record({ g: fc.constantFrom('h', 's', 'x', 'sx'), q: fc.nat(N - 1) }),
  fc.record({ g: fc.constant('cx'), q: fc.nat(N - 1), r: fc.nat(N - 2) }),
);
type GateSpec = { g: string; q: number; t?: number; r?: number };

function build(gates: GateSpec[], extraQubits = 0): Circuit {
  const c = new Circuit(N + extraQubits);
  for (const { g, q, t, r } of gates) {
    if (t !== undefined) c.append(g, [q], [t]);
    else if (g === 'cx') c.cx(q, (q + 1 + r!) % N);
    else c.append(g, [q]);
  }
  return c;
}

/** Exact outcome probabilities from the statevector module (independent of the sampler). */
function exactProbabilities(gates: GateSpec[]): Float64Array {
  return Statevector.fromCircuit(build(gates)).probabilities();
}

describe('sampling properties (fixed fast-check seed: reproducible)', () => {
  it('the branching path (dynamic circuits) and the sample-once path both match |amplitude|² within 4σ', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(gateArb, { minLength: 1, maxLength: 8 }), async (gates) => {
        const shots = 1500;
        const p = exactProbabilities(gates);
        const terminal = build(gates).measureAll();
        // A leading reset of |0⟩ changes nothing physically but forces the dynamic-circuit path.
        const perShot = new Circuit(N).reset(0).compose(build(gates)).measureAll();
        for (const c of [terminal, perShot]) {
          const res = await (await new Sampler(backend, { shots, seed: 17 }).run([c])).result();
          const counts = res.pubs[0]!.data.meas!.getCounts();
          expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(shots);
          for (let i = 0; i < p.length; i++) {
            const key = i.toString(2).padStart(N, '0');
            const k = counts[key] ?? 0;
            const sd = Math.sqrt(shots * p[i]! * (1 - p[i]!));
            expect(Math.abs(k - shots * p[i]!)).toBeLessThanOrEqual(4 * sd + 1e-9);
          }
        }
        expect((await (await new Sampler(backend, { shots: 10, seed: 1 }).run([perShot])).result()).pubs[0]!.metadata.method).toBe(
          'branching',
        );
      }),
      { seed: 20261127, numRuns: 25 },
    );
  });

  it('shot-based estimates lie within 4 standard errors of the exact value', async () => {
    const labelArb = fc.array(fc.constantFrom('I', 'X', 'Y', 'Z'), { minLength: N, maxLength: N }).map((a) => a.join(''));
    const sumArb = fc.array(fc.tuple(labelArb, fc.double({ min: -2, max: 2, noNaN: true })), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(gateArb, { minLength: 1, maxLength: 8 }), fc.array(sumArb, { minLength: 1, maxLength: 3 }), async (gates, sums) => {
        const circuit = build(gates);
        const sv = Statevector.fromCircuit(circuit);
        const precision = 0.03;
        const res = await (await new Estimator(backend, { precision, seed: 5 }).run([[circuit, sums]])).result();
        const shots = res.pubs[0]!.metadata.shots!;
        sums.forEach((sum, o) => {
          const exact = sv.expectationValue(sum);
          const ev = res.pubs[0]!.evs[0]![o]!;
          const std = res.pubs[0]!.stds[0]![o]!;
          // When every shot agrees the sample std is 0 though the true one may be tiny but
          // non-zero; allow one shot's resolution per unit of coefficient mass on top of 4σ.
          const slack = (4 * sum.reduce((s, [, c]) => s + Math.abs(c), 0)) / shots;
          expect(Math.abs(ev - exact)).toBeLessThanOrEqual(4 * std + slack + 1e-9);
        });
      }),
      { seed: 4242, numRuns: 30 },
    );
  });
});
