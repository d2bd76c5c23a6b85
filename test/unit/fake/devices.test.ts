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

describe('fake device JSON', () => {
  test('names', () => {
    expect(FAKE_BACKEND_NAMES).toEqual(['fake_line5', 'fake_hanoi', 'fake_brisbane', 'fake_fez']);
    expect(() => fakeDevice('fake_nowhere')).toThrow(BackendNotFoundError);
  });

  test.each([
    ['fake_line5', 5, 4, 'cz', 2],
    ['fake_hanoi', 27, 28, 'cx', 3],
    ['fake_brisbane', 127, 144, 'ecr', 3],
    ['fake_fez', 156, 176, 'cz', 3],
  ] as const)('%s: %i qubits, %i edges, %s, heavy-hex degrees ≤ %i, connected', (name, n, edges, entangler, maxDeg) => {
    const { configuration, properties } = fakeDevice(name).load();
    expect(configuration._synthetic).toMatch(/synthetic/);
    expect(properties._synthetic).toMatch(/synthetic/);
    const t = fakeTarget(name);
    expect(t.numQubits).toBe(n);
    expect(t.basisGates).toEqual(expect.arrayContaining([entangler, 'rz', 'sx', 'x']));
    const d = degrees(t.couplingMap!, n);
    expect(d.reduce((a, b) => a + b, 0) / 2).toBe(edges);
    expect(Math.max(...d)).toBe(maxDeg);
    expect(connected(t.couplingMap!, n)).toBe(true);
    // Eagle lists one direction per ECR edge; the others list both.
    expect(t.couplingMap!.length).toBe(entangler === 'ecr' ? edges : 2 * edges);
    expect(t.qubitProperties!.every((q) => q.readoutError! > 0 && q.readoutError! < 0.05)).toBe(true);
  });

  test('Eagle 127 matches ibm_brisbane’s bridges (e.g. 14 joins 0 and 18; 109 joins 96 and 114)', () => {
    const t = fakeTarget('fake_brisbane');
    const has = (a: number, b: number): boolean => t.couplingMap!.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
    for (const [a, b] of [[0, 14], [14, 18], [96, 109], [109, 114], [112, 126], [13, 12]]) expect(has(a, b)).toBe(true);
  });
});
