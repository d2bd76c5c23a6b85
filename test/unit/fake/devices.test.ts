import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_BACKEND_NAMES, fakeDevice } from '../../../simulators/fake';
import { BackendNotFoundError } from '../../../src/core/errors';
import { fakeTarget } from '../../support/transpiler';

/** Undirected degree of each qubit. */
function degrees(edges: readonly (readonly [number, number])[], n: number): number[] {
  const seen = new Set<string>();
  const d = new Array<number>(n).fill(0);
  for (const [a, b] of edges) {
    const k = `${Math.min(a, b)}-${Math.max(a, b)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    d[a]!++;
    d[b]!++;
  }
  return d;
}

function connected(edges: readonly (readonly [number, number])[], n: number): boolean {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) adj[a]!.push(b), adj[b]!.push(a);
  const seen = new Set([0]);
  const stack = [0];
  while (stack.length) for (const v of adj[stack.pop()!]!) if (!seen.has(v)) seen.add(v), stack.push(v);
  return seen.size === n;
}

/** The published coupling maps (fixtures/fake-devices/, copied from qiskit-ibm-runtime's fake provider). */
interface PublishedCoupling {
  backend_name: string;
  n_qubits: number;
  dt: number;
  coupling_map: [number, number][];
  entangler: string;
  entangler_coupling_map: [number, number][];
}
const published = (stem: string): PublishedCoupling =>
  JSON.parse(readFileSync(join(__dirname, '../../../fixtures/fake-devices', `${stem}.coupling.json`), 'utf8')) as PublishedCoupling;
const edgeSet = (edges: readonly (readonly number[])[]): string[] => edges.map(([a, b]) => `${a}>${b}`).sort();

describe('fake device JSON', () => {
  test('names', () => {
    expect(FAKE_BACKEND_NAMES).toEqual(['fake_line5', 'fake_hanoi', 'fake_brisbane', 'fake_fez', 'fake_torino']);
    expect(() => fakeDevice('fake_nowhere')).toThrow(BackendNotFoundError);
  });

  test.each([
    ['fake_line5', 5, 4, 'cz', 2],
    ['fake_hanoi', 27, 28, 'cx', 3],
    ['fake_brisbane', 127, 144, 'ecr', 3],
    ['fake_fez', 156, 176, 'cz', 3],
    ['fake_torino', 133, 150, 'cz', 3],
  ] as const)('%s: %i qubits, %i edges, %s, heavy-hex degrees ≤ %i, connected', (name, n, edges, entangler, maxDeg) => {
    const t = fakeTarget(name);
    expect(t.numQubits).toBe(n);
    expect(t.basisGates).toEqual(expect.arrayContaining([entangler, 'rz', 'sx', 'x']));
    const d = degrees(t.couplingMap!, n);
    expect(d.reduce((a, b) => a + b, 0) / 2).toBe(edges);
    expect(Math.max(...d)).toBe(maxDeg);
    expect(connected(t.couplingMap!, n)).toBe(true);
    // Eagle lists one direction per ECR edge; the others list both.
    expect(t.couplingMap!.length).toBe(entangler === 'ecr' ? edges : 2 * edges);
    expect(t.qubitProperties!.every((q) => q.readoutError! > 0 && q.readoutError! < 1 && q.t1! > 0 && q.t2! > 0)).toBe(true);
  });

  test.each([
    ['fake_hanoi', 'hanoi', 'ibm_hanoi', 'Falcon r5.11'],
    ['fake_brisbane', 'brisbane', 'ibm_brisbane', 'Eagle r3'],
    ['fake_fez', 'fez', 'ibm_fez', 'Heron r2'],
    ['fake_torino', 'torino', 'ibm_torino', 'Heron r1'],
  ] as const)('%s is the published %s snapshot: directed coupling map, dt and processor equal the published ones', (name, stem, real, processor) => {
    const ref = published(stem);
    expect(ref.backend_name).toBe(real);
    const { configuration, properties } = fakeDevice(name).load();
    expect(configuration.backend_name).toBe(real);
    expect((configuration._source as { license: string }).license).toBe('Apache-2.0');
    expect((properties._source as { license: string }).license).toBe('Apache-2.0');
    const t = fakeTarget(name);
    expect(t.numQubits).toBe(ref.n_qubits);
    // Every published direction, no more, no fewer (no edge of these snapshots is marked operational 0).
    expect(edgeSet(t.couplingMap!)).toEqual(edgeSet(ref.entangler_coupling_map));
    expect(edgeSet(t.couplingMap!)).toEqual(edgeSet(ref.coupling_map));
    // The configuration gives dt in nanoseconds; the Target holds seconds.
    expect(t.dt).toBeCloseTo(ref.dt * 1e-9, 20);
    expect(t.processorType).toBe(processor);
    // The published supported_instructions (measure, delay, reset and control flow) are operations.
    for (const op of configuration.supported_instructions!) expect(t.operations.has(op)).toBe(true);
    expect(configuration.supported_instructions).toEqual(expect.arrayContaining(['measure', 'delay', 'if_else', 'for_loop', 'switch_case']));
  });

  test('calibration values are the published ones (qubit 0 and a cz pair of ibm_fez, µs → s)', () => {
    const t = fakeTarget('fake_fez');
    expect(t.qubitProperties![0]!.t1).toBeCloseTo(48.806207822303335e-6, 15);
    expect(t.qubitProperties![0]!.t2).toBeCloseTo(42.37959748613206e-6, 15);
    expect(t.qubitProperties![0]!.readoutError).toBe(0.011474609375);
    expect(t.gateErrors!.get('cz:72,73')).toBe(0.027903006224195892);
    expect(t.gateErrors!.get('id:0')).toBe(0.0007640689403641555);
    // The published snapshot keeps the noise-model fields on every qubit.
    const { properties } = fakeDevice('fake_fez').load();
    const names = new Set(properties.qubits[0]!.map((e) => e.name));
    for (const f of ['T1', 'T2', 'readout_error', 'prob_meas0_prep1', 'prob_meas1_prep0', 'readout_length']) expect(names.has(f)).toBe(true);
    const cz = properties.gates.find((g) => g.gate === 'cz' && g.qubits.join() === '72,73')!;
    expect(cz.parameters.map((p) => p.name).sort()).toEqual(['gate_error', 'gate_length']);
  });

  test('an edge calibrated with gate_error 1 stays on the map with error 1, as convert_to_target keeps it (ibm_fez cz 106–107)', () => {
    const t = fakeTarget('fake_fez');
    expect(t.couplingMap!.some(([a, b]) => a === 106 && b === 107)).toBe(true);
    expect(t.gateErrors!.get('cz:106,107')).toBe(1);
  });

  test('point 8: fake_brisbane has the published ibm_brisbane ECR directions (none of the 144 reversed)', () => {
    const ref = published('brisbane');
    const t = fakeTarget('fake_brisbane');
    const pub = new Set(edgeSet(ref.entangler_coupling_map));
    expect(pub.size).toBe(144);
    const reversed = t.couplingMap!.filter(([a, b]) => !pub.has(`${a}>${b}`) && pub.has(`${b}>${a}`));
    expect(reversed).toEqual([]);
    expect(edgeSet(t.couplingMap!)).toEqual([...pub].sort());
    // Spot checks read off the published map: ECR runs 1→0, 14→0, 18→14 on ibm_brisbane.
    const has = (a: number, b: number): boolean => t.couplingMap!.some(([x, y]) => x === a && y === b);
    for (const [a, b] of [[1, 0], [14, 0], [14, 18]] as const) {
      expect(has(a, b)).toBe(true);
      expect(has(b, a)).toBe(false);
    }
  });

  test('point 8: fake_brisbane dt is ibm_brisbane’s 0.5 ns (not 0.222)', () => {
    const { configuration } = fakeDevice('fake_brisbane').load();
    expect(configuration.dt).toBe(0.5);
    expect(fakeTarget('fake_brisbane').dt).toBeCloseTo(5e-10, 20);
  });
});
