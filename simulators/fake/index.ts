/**
 * Fake IBM devices: IBM-shaped configuration/properties JSON → Target, ISA-only execution on
 * the statevector simulator (touched qubits only), optional calibrated noise (simulators/noisy).
 */
export { createFakeBackend, fakeBackendFromJson, type FakeBackendOptions } from './fake-backend';
export { FAKE_BACKEND_NAMES, FAKE_DEVICES, fakeDevice, type FakeDeviceInfo } from './devices';
export { compressCircuit, touchedQubits, type Compressed } from './compress';
