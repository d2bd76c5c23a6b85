import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { targetFromIbmConfiguration, type IbmBackendConfiguration, type IbmBackendProperties } from '../../../src/ibm/device-config';
import { ConfigurationError } from '../../../src/core/errors';
import { instructionSupported } from '../../../src/core/target';

const load = <T>(p: string): T => JSON.parse(readFileSync(join(__dirname, '../../../fixtures', p), 'utf8')) as T;
// The reference's F3/F3b fixtures (test_heron_5q), as the IBM API returns them.
const conf = load<IbmBackendConfiguration>('ibm-runtime/configuration-test_heron_5q.json');
const props = load<IbmBackendProperties>('ibm-runtime/properties-test_heron_5q.json');

describe('targetFromIbmConfiguration (IBM configuration JSON → Target)', () => {
  test('fractional gates are dropped by default, as the Python client does', () => {
    const t = targetFromIbmConfiguration(conf);
    expect(t.numQubits).toBe(5);
    expect([...t.basisGates].sort()).toEqual(['cz', 'id', 'rz', 'sx', 'x']);
    for (const op of ['measure', 'reset', 'barrier', 'delay', 'if_else']) expect(t.operations.has(op)).toBe(true);
    expect(t.operations.has('rzz')).toBe(false);
    expect(t.requiresIsa).toBe(true);
    expect(t.simulator).toBe(false);
    // point 6: the legacy max_shots/max_experiments are not caps; IBM's 5 000 000 executions is.
    expect(t.maxShots).toBe(5_000_000);
    expect(t.maxPubsPerJob).toBe(5_000_000);
    expect(t.maxExecutionsPerJob).toBe(5_000_000);
    expect(t.processorType).toBe('Heron r2');
  });

  test('useFractionalGates keeps rx and rzz', () => {
    const t = targetFromIbmConfiguration(conf, undefined, { useFractionalGates: true });
    expect(t.basisGates).toEqual(expect.arrayContaining(['rx', 'rzz']));
  });

  test('coupling map: the entangler’s directed edges', () => {
    const t = targetFromIbmConfiguration(conf);
    expect(t.couplingMap).toHaveLength(8);
    expect(instructionSupported(t, 'cz', [1, 2])).toBe(true);
    expect(instructionSupported(t, 'cz', [0, 2])).toBe(false);
  });

  test('properties: units converted (µs → s), readout errors, gate errors by name and qubits', () => {
    const t = targetFromIbmConfiguration(conf, props);
    expect(t.qubitProperties![0]!.t1).toBeCloseTo(310.2e-6, 12);
    expect(t.qubitProperties![0]!.readoutError).toBeCloseTo(0.0095, 12);
    expect(t.gateErrors!.get('cz:0,1')).toBeCloseTo(0.00164, 12);
    expect(t.gateErrors!.get('sx:0')).toBeCloseTo(0.000203, 12);
  });

  test('faulty qubits and edges (operational 0) are trimmed; an edge with gate_error 1 stays with error 1, as convert_to_target keeps it', () => {
    const p: IbmBackendProperties = JSON.parse(JSON.stringify(props));
    (p.qubits[4] as unknown as object[]).push({ date: '2026-04-15T00:00:00Z', name: 'operational', unit: '', value: 0 });
    (p.gates as unknown as object[]).push({
      qubits: [1, 2], gate: 'cz', name: 'cz1_2',
      parameters: [{ date: '2026-04-15T00:00:00Z', name: 'gate_error', unit: '', value: 1 }],
    });
    (p.gates as unknown as object[]).push({
      qubits: [0, 1], gate: 'cz', name: 'cz0_1',
      parameters: [{ date: '2026-04-15T00:00:00Z', name: 'operational', unit: '', value: 0 }],
    });
    const t = targetFromIbmConfiguration(conf, p);
    expect(t.qubitProperties![4]!.faulty).toBe(true);
    expect(t.couplingMap!.some(([a, b]) => a === 4 || b === 4)).toBe(false);
    expect(instructionSupported(t, 'cz', [0, 1])).toBe(false);
    expect(instructionSupported(t, 'cz', [1, 0])).toBe(true);
    expect(instructionSupported(t, 'cz', [1, 2])).toBe(true);
    expect(t.gateErrors!.get('cz:1,2')).toBe(1);
    expect(instructionSupported(t, 'cz', [2, 1])).toBe(true);
  });

  test('malformed configurations are refused with ConfigurationError', () => {
    expect(() => targetFromIbmConfiguration({ backend_name: 'x' } as unknown as IbmBackendConfiguration)).toThrow(ConfigurationError);
    expect(() => targetFromIbmConfiguration({ ...conf, coupling_map: [[0, 9]], gates: [] })).toThrow(/outside 5 qubits/);
  });
});
