import type { Command } from 'commander';
import type { Backend } from '../../backend';
import { loadConfig, type QbridgeConfig } from '../../config';
import { MAX_TIMEOUT_SECONDS, parseTimeoutSeconds } from '../../ibm/account';
import { InputValidationError } from '../../core/errors';
import { getDefaultRegistry } from '../../index';
import { writeAll, type CliIo } from '../io';
import { instanceJson } from '../ibm-instance';
import type { IbmInstanceChoice } from '../../../adapters/ibm-runtime';

/**
 * Loads the configuration for a command and prints its warnings (one line each on stderr):
 * config itself never prints.
 */
export async function loadCliConfig(io: CliIo): Promise<QbridgeConfig> {
  const config = loadConfig();
  for (const w of config.warnings) await writeAll(io.stderr, `qbridge: warning: ${w}\n`);
  return config;
}

/**
 * The backend a command runs on: `--backend NAME`, else `QBRIDGE_BACKEND`, else `local`,
 * acquired through the default registry (created once per process, shared by callers).
 * @throws {BackendNotFoundError} listing the known names
 */
export async function resolveCliBackend(
  name: string | undefined,
  io: CliIo,
  options: { signal?: AbortSignal } = {},
): Promise<Backend> {
  const config = await loadCliConfig(io);
  return getDefaultRegistry().get(name ?? config.defaultBackend, { signal: options.signal });
}

/**
 * `--timeout <seconds>`: the bound of each job wait, in ms (undefined when the flag is absent).
 * An explicit flag beats `QBRIDGE_JOB_TIMEOUT` (which the backend already holds as its default
 * wait), which beats the adapter's default of 24 h.
 * @throws {InputValidationError} unless a positive number of seconds
 */
export function timeoutFlag(raw: string | undefined, name = '--timeout'): number | undefined {
  if (raw === undefined) return undefined;
  const ms = parseTimeoutSeconds(raw);
  if (ms === undefined) throw new InputValidationError(`${name} must be a positive number of seconds (at most ${MAX_TIMEOUT_SECONDS}), got '${raw}'`);
  return ms;
}

/** The option text of `--timeout` (run and kernel). */
export const TIMEOUT_FLAG_HELP = 'give up waiting for a job after this many seconds (default: QBRIDGE_JOB_TIMEOUT, else 24 h); the job may still run';

/** What `qbridge backends` says when no IBM account is configured, and how to configure one. */
export const NO_IBM_ACCOUNT =
  'IBM Quantum: no account configured, so no devices are listed; set QISKIT_IBM_TOKEN (your IBM Cloud API key) and QISKIT_IBM_INSTANCE (your instance CRN), or save an account in ~/.qiskit/qiskit-ibm.json as Qiskit\'s save_account does';

/** The header of the IBM device list when qbridge chose the instances (ranked, best first). */
function candidateHeader(candidates: readonly IbmInstanceChoice[]): string {
  const list = candidates.map((c) => `${c.name ?? c.crn}${c.plan ? ` (plan ${c.plan})` : ''}`).join(', ');
  return candidates[0]?.selection === 'name'
    ? `instance ${list}, resolved from its name`
    : `no instance configured: each device is used through the first of ${list} that lists it (qiskit-ibm-runtime's ranking)`;
}

/** `qbridge backends [--json]`: the registered backend names and patterns, default marked. */
export function registerBackends(program: Command, io: CliIo): void {
  program
    .command('backends')
    .description('list the backends qbridge knows (names and name patterns); * marks the default')
    .option('--json', 'print {"default", "backends": [{"name", "pattern", "default"}]}')
    .action(async (opts: { json?: boolean }) => {
      const config = await loadCliConfig(io);
      const names = getDefaultRegistry().names();
      const backends = names.map((n) => ({ name: n, pattern: n.startsWith('/'), default: n === config.defaultBackend }));
      // IBM devices with status and queue length, only when IBM is configured (one GET /backends);
      // an unreachable service is a warning, not a failure of the local listing.
      // With the instance chosen by qbridge (a name, or none / auto), each device says which
      // instance it is used through, and the header lists the candidate instances in rank order.
      let ibm: Array<{ name: string; status: string; reason?: string; queueLength: number; qubits?: number; instance?: Record<string, string> }> | undefined;
      let candidates: IbmInstanceChoice[] | undefined;
      if (config.ibm) {
        try {
          const { IbmQuantumService } = await import('../../../adapters/ibm-runtime');
          const service = IbmQuantumService.fromConfig(config);
          const devices = await service.backends();
          if (service.instanceSelection !== 'crn') candidates = await service.candidates();
          for (const w of service.warnings) await writeAll(io.stderr, `qbridge: warning: ${w}\n`);
          ibm = devices.map((d) => ({
            name: d.name, status: d.status, ...(d.reason ? { reason: d.reason } : {}), queueLength: d.pendingJobs, ...(d.qubits !== undefined ? { qubits: d.qubits } : {}),
            ...(candidates ? { instance: instanceJson(d.instance) } : {}),
          }));
        } catch (e) {
          await writeAll(io.stderr, `qbridge: warning: IBM devices unavailable: ${e instanceof Error ? e.message : String(e)}\n`);
        }
      }
      if (opts.json) {
        const instances = candidates ? { ibm_instances: candidates.map(instanceJson) } : {};
        await writeAll(io.stdout, `${JSON.stringify({ default: config.defaultBackend, backends, ...(ibm ? { ibm } : {}), ...instances, ...(config.ibm ? {} : { ibm_account: false }) })}\n`);
        return;
      }
      const lines = backends.map((b) => `${b.default ? '*' : ' '} ${b.name}${b.pattern ? '  (name pattern)' : ''}`);
      if (!names.includes(config.defaultBackend)) lines.push(`default: ${config.defaultBackend}`);
      if (!config.ibm) lines.push(NO_IBM_ACCOUNT);
      if (ibm) {
        lines.push(candidates ? `IBM Quantum devices (${candidateHeader(candidates)}):` : 'IBM Quantum devices:');
        for (const d of ibm) {
          const status = d.reason ? `${d.status} (${d.reason})` : d.status;
          const via = d.instance ? `  instance ${d.instance.name ?? d.instance.crn}` : '';
          lines.push(`${d.name === config.defaultBackend ? '*' : ' '} ${d.name}  ${status}  queue ${d.queueLength}${d.qubits !== undefined ? `  ${d.qubits} qubits` : ''}${via}`);
        }
      }
      await writeAll(io.stdout, `${lines.join('\n')}\n`);
    });
}
