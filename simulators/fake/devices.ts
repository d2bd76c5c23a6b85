import { BackendNotFoundError } from '../../src/core/errors';
import type { IbmBackendConfiguration, IbmBackendProperties } from '../../src/ibm/device-config';

/**
 * The fake devices: IBM-shaped configuration and properties JSON shipped as package data in
 * simulators/fake/data/: real device snapshots from qiskit-ibm-runtime's fake provider
 * (Apache-2.0, imported by scripts/import-fake-devices.ts; see data/README.md) and one synthetic
 * 5-qubit test device (line5, simulators/fake/data/generate.ts); copied next to the compiled
 * module by scripts/post-build.js. Loaded lazily, one device at a time,
 * so importing qbridge does not parse 600 kB of JSON.
 */
export interface FakeDeviceInfo {
  /** Backend name, `fake_<device>`. */
  readonly name: string;
  readonly description: string;
  load(): { configuration: IbmBackendConfiguration; properties: IbmBackendProperties };
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const FAKE_DEVICES: readonly FakeDeviceInfo[] = [
  {
    name: 'fake_line5',
    description: '5-qubit line, Heron-style (cz, fractional rx/rzz available)',
    load: () => ({
      configuration: require('./data/line5.configuration.json'),
      properties: require('./data/line5.properties.json'),
    }),
  },
  {
    name: 'fake_hanoi',
    description: '27-qubit Falcon r5.11 (cx), ibm_hanoi calibration snapshot',
    load: () => ({
      configuration: require('./data/hanoi.configuration.json'),
      properties: require('./data/hanoi.properties.json'),
    }),
  },
  {
    name: 'fake_brisbane',
    description: '127-qubit Eagle r3 (ecr, one direction per edge), ibm_brisbane calibration snapshot',
    load: () => ({
      configuration: require('./data/brisbane.configuration.json'),
      properties: require('./data/brisbane.properties.json'),
    }),
  },
  {
    name: 'fake_fez',
    description: '156-qubit Heron r2 (cz), ibm_fez calibration snapshot',
    load: () => ({
      configuration: require('./data/fez.configuration.json'),
      properties: require('./data/fez.properties.json'),
    }),
  },
  {
    name: 'fake_torino',
    description: '133-qubit Heron r1 (cz), ibm_torino calibration snapshot',
    load: () => ({
      configuration: require('./data/torino.configuration.json'),
      properties: require('./data/torino.properties.json'),
    }),
  },
];

/** Names of every fake backend. */
export const FAKE_BACKEND_NAMES: readonly string[] = FAKE_DEVICES.map((d) => d.name);

/** The device description for a name. @throws {BackendNotFoundError} */
export function fakeDevice(name: string): FakeDeviceInfo {
  const d = FAKE_DEVICES.find((x) => x.name === name);
  if (!d) throw new BackendNotFoundError(name, FAKE_BACKEND_NAMES);
  return d;
}
