/**
 * The text drawer against Qiskit's own expected drawings: each fixtures/drawer/NAME.txt is an
 * expected string copied verbatim from Qiskit's test/python/visualization/test_circuit_text_drawer.py
 * (the test named in manifest.json), NAME.qasm the circuit that Qiskit test builds, and the
 * options those of the Qiskit call (initial_state → initialState, cregbundle, fold → lineLength,
 * reverse_bits → reverseBits, justify, idle_wires → idleWires, vertical_compression →
 * verticalCompression; qubitRegister names the one quantum register as the Qiskit test does,
 * e.g. q1). The comparison is exact, character for character.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { drawText, parseQasm, type TextDrawOptions } from '../../../../src';

const DIR = join(__dirname, '../../../../fixtures/drawer');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as {
  cases: { name: string; qiskitTest: string; options: TextDrawOptions }[];
};

describe('drawText matches Qiskit text drawer goldens', () => {
  it('has at least ten golden circuits', () => {
    expect(manifest.cases.length).toBeGreaterThanOrEqual(10);
  });
  it.each(manifest.cases.map((c) => [c.name, c.qiskitTest, c.options] as const))('%s (Qiskit %s)', (name, _test, options) => {
    const circuit = parseQasm(readFileSync(join(DIR, `${name}.qasm`), 'utf8'));
    const expected = readFileSync(join(DIR, `${name}.txt`), 'utf8');
    expect(drawText(circuit, options)).toBe(expected);
  });
});
