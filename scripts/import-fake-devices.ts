/**
 * Imports the fake devices' configuration and calibration properties from qiskit-ibm-runtime's
 * fake provider (Apache-2.0 data: snapshots of real IBM devices) into simulators/fake/data/, and
 * copies each published coupling map into fixtures/fake-devices/ for the tests.
 *
 *   npx ts-node --transpile-only -P tsconfig.json scripts/import-fake-devices.ts [path/to/qiskit-ibm-runtime git dir]
 *
 * The files are read with `git show <commit>:<path>`, so a bare mirror is enough. The
 * configuration is trimmed of what qbridge never reads (pulse channels, Hamiltonian, LO ranges,
 * discriminators, kernels); the properties are kept whole (every T1, T2, readout_error,
 * prob_meas0_prep1, prob_meas1_prep0, readout_length, frequency, gate_error and gate_length a
 * noise model needs). Each written file carries `_source`: repository, path, commit, license.
 * A development script, not part of the package.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO_URL = 'https://github.com/Qiskit/qiskit-ibm-runtime';
const LICENSE = 'Apache-2.0';
const gitDir = process.argv[2] ?? '/work/.mirror/Qiskit+qiskit-ibm-runtime/repo';
const root = join(__dirname, '..');

/** qbridge file stem → the published device directory and the fake backend name. */
const DEVICES = [
  { stem: 'fez', device: 'fez' },
  { stem: 'torino', device: 'torino' },
  { stem: 'brisbane', device: 'brisbane' },
  { stem: 'hanoi', device: 'hanoi' },
];

/** Configuration fields dropped: pulse-level and channel details no qbridge code reads. */
const DROP_CONF = new Set([
  'hamiltonian',
  'channels',
  'qubit_channel_mapping',
  'u_channel_lo',
  'n_uchannels',
  'uchannels_enabled',
  'qubit_lo_range',
  'meas_lo_range',
  'meas_kernels',
  'discriminators',
  'meas_levels',
  'parametric_pulses',
  'acquisition_latency',
  'rep_times',
  'coords',
]);

const commit = execFileSync('git', ['-C', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

function show(path: string): Record<string, unknown> {
  return JSON.parse(execFileSync('git', ['-C', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

function source(path: string, note: string): Record<string, string> {
  return { repository: REPO_URL, path, commit, license: LICENSE, note };
}

mkdirSync(join(root, 'fixtures', 'fake-devices'), { recursive: true });
for (const { stem, device } of DEVICES) {
  const dir = `qiskit_ibm_runtime/fake_provider/backends/${device}`;
  const confPath = `${dir}/conf_${device}.json`;
  const propsPath = `${dir}/props_${device}.json`;
  const conf = show(confPath);
  const props = show(propsPath);
  const trimmed: Record<string, unknown> = {
    _source: source(confPath, 'trimmed: pulse, channel and discriminator fields removed; values unchanged'),
  };
  for (const [k, v] of Object.entries(conf)) if (!DROP_CONF.has(k)) trimmed[k] = v;
  writeFileSync(join(root, 'simulators', 'fake', 'data', `${stem}.configuration.json`), JSON.stringify(trimmed) + '\n');
  writeFileSync(
    join(root, 'simulators', 'fake', 'data', `${stem}.properties.json`),
    JSON.stringify({ _source: source(propsPath, 'unchanged'), ...props }) + '\n',
  );
  const gates = conf.gates as { name: string; coupling_map?: number[][] }[];
  const entangler = gates.find((g) => ['cz', 'ecr', 'cx'].includes(g.name))!;
  writeFileSync(
    join(root, 'fixtures', 'fake-devices', `${stem}.coupling.json`),
    JSON.stringify({
      _source: source(confPath, `the published coupling_map and ${entangler.name} coupling_map, copied unchanged`),
      backend_name: conf.backend_name,
      n_qubits: conf.n_qubits,
      dt: conf.dt,
      coupling_map: conf.coupling_map,
      entangler: entangler.name,
      entangler_coupling_map: entangler.coupling_map,
    }) + '\n',
  );
  console.log(`${stem}: ${String(conf.backend_name)} ${String(conf.n_qubits)} qubits, ${entangler.coupling_map?.length} ${entangler.name} edges`);
}
