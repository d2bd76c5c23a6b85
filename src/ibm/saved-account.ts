/**
 * Qiskit's saved-account file, `~/.qiskit/qiskit-ibm.json` (internal to configuration).
 *
 * The file is a JSON object keyed by account name; each value holds `channel`, `token`, `url`,
 * `instance`, ... and optionally `"is_default_account": true`. Selection follows
 * qiskit-ibm-runtime's `AccountManager.get`:
 * 1. a name was given → that account (error if missing);
 * 2. a channel was given → the account of that channel marked `is_default_account`, else the
 *    one with the channel's default name (`default-ibm-quantum-platform` / `default-ibm-cloud`),
 *    else the LAST account of that channel in file order (Qiskit's loop keeps overwriting its
 *    candidate, so with several such accounts it is the last one that wins);
 * 3. no channel → any account marked `is_default_account`; then rule 2 for
 *    `ibm_quantum_platform`; then `default-ibm-quantum-platform`, `default-ibm-cloud`.
 * Accounts of the retired `ibm_quantum` channel are skipped (as Qiskit does since 0.41), with a
 * warning naming them when no other account is usable: that user must learn why IBM is off.
 */
import { ConfigurationError } from '../core/errors';
import type { IbmChannel } from './account';

/** File-system access, injectable for tests. */
export interface ConfigFs {
  /** File contents, or `undefined` when the file does not exist. */
  readFile(file: string): string | undefined;
  /** Permission bits (`mode & 0o777`), or `undefined` when unknown (e.g. Windows). */
  fileMode(file: string): number | undefined;
  /** The user's home directory when the environment does not say. */
  homedir(): string;
}

/** The chosen saved account. `key(field)` names a field for error messages. */
export interface SavedAccount {
  readonly name: string;
  readonly token: string;
  readonly channel?: string;
  readonly url?: string;
  readonly instance?: string;
  /** `region`: `us-east` or `eu-de` (Qiskit's accepted values), for automatic instance selection. */
  readonly region?: string;
  /** `plans_preference`: plan names in order of preference, for automatic instance selection. */
  readonly plansPreference?: readonly string[];
  /** `tags`: instance tags every automatically selected instance must carry. */
  readonly tags?: readonly string[];
  key(field: string): string;
}

const DEFAULT_NAMES: Record<IbmChannel, string> = {
  ibm_quantum_platform: 'default-ibm-quantum-platform',
  ibm_cloud: 'default-ibm-cloud',
};

type Raw = Record<string, unknown>;

function chooseDefault(all: Record<string, Raw>, channel: IbmChannel | undefined): string | undefined {
  const names = Object.keys(all);
  if (channel) {
    const ofChannel = names.filter((n) => all[n]!.channel === channel);
    return (
      ofChannel.find((n) => all[n]!.is_default_account === true) ??
      ofChannel.find((n) => n === DEFAULT_NAMES[channel]) ??
      ofChannel[ofChannel.length - 1]
    );
  }
  return (
    names.find((n) => all[n]!.is_default_account === true) ??
    chooseDefault(all, 'ibm_quantum_platform') ??
    names.find((n) => n === DEFAULT_NAMES.ibm_cloud)
  );
}

/**
 * Reads and selects a saved account; `undefined` when the file does not exist or holds no
 * matching account (unless a name was asked for).
 * @throws {ConfigurationError} for malformed JSON, a non-object file or entry, a missing named
 * account, a named account on the retired channel, or an account without a token
 */
export function readSavedAccount(args: {
  file: string;
  name?: string;
  nameKey?: string;
  channel?: IbmChannel;
  fs: ConfigFs;
  warnings: string[];
}): SavedAccount | undefined {
  const { file, fs, warnings } = args;
  const text = fs.readFile(file);
  if (text === undefined) {
    if (args.name !== undefined) {
      throw new ConfigurationError(`${args.nameKey}: no saved-account file at ${file}`, args.nameKey);
    }
    return undefined;
  }
  const mode = fs.fileMode(file);
  if (mode !== undefined && (mode & 0o077) !== 0) {
    warnings.push(
      `the saved-account file ${file} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`the saved-account file ${file} is not valid JSON`, file);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigurationError(`the saved-account file ${file} must hold a JSON object of accounts`, file);
  }
  const all: Record<string, Raw> = {};
  for (const [n, v] of Object.entries(parsed as Raw)) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      throw new ConfigurationError(`saved account '${n}' in ${file} is not a JSON object`, `${file}:${n}`);
    }
    all[n] = v as Raw;
  }
  let chosen: string | undefined;
  if (args.name !== undefined) {
    if (!(args.name in all)) {
      throw new ConfigurationError(`${args.nameKey} names no saved account in ${file}`, args.nameKey);
    }
    if (all[args.name]!.channel === 'ibm_quantum') {
      throw new ConfigurationError(
        `saved account '${args.name}' uses the 'ibm_quantum' channel, retired on 1 July 2025; save an 'ibm_quantum_platform' account`,
        `${file}:${args.name}.channel`,
      );
    }
    chosen = args.name;
  } else {
    const usable = Object.fromEntries(Object.entries(all).filter(([, v]) => v.channel !== 'ibm_quantum'));
    chosen = chooseDefault(usable, args.channel);
    // Said when it decides the outcome: no usable account, so no IBM access, and the user must
    // learn that the account they saved is the reason.
    const retired = Object.keys(all).filter((n) => !(n in usable));
    if (chosen === undefined && retired.length) {
      warnings.push(
        `saved account${retired.length > 1 ? 's' : ''} ${retired.map((n) => `'${n}'`).join(', ')} in ${file} ${retired.length > 1 ? 'use' : 'uses'} the 'ibm_quantum' channel, retired on 1 July 2025, and ${retired.length > 1 ? 'are' : 'is'} ignored; save an 'ibm_quantum_platform' account`,
      );
    }
  }
  if (chosen === undefined) return undefined;
  const raw = all[chosen]!;
  const key = (field: string): string => `${file}:${chosen}.${field}`;
  const str = (field: string): string | undefined => {
    const v = raw[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new ConfigurationError(`${key(field)} must be a string`, key(field));
    return v.trim() === '' ? undefined : v.trim();
  };
  const token = str('token');
  if (token === undefined) throw new ConfigurationError(`${key('token')} is missing`, key('token'));
  const list = (field: string): readonly string[] | undefined => {
    const v = raw[field];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      throw new ConfigurationError(`${key(field)} must be a list of strings`, key(field));
    }
    return Object.freeze([...v]);
  };
  const region = str('region');
  // Qiskit's CloudAccount accepts exactly these two regions.
  if (region !== undefined && region !== 'us-east' && region !== 'eu-de') {
    throw new ConfigurationError(`${key('region')} must be 'us-east' or 'eu-de'`, key('region'));
  }
  const plansPreference = list('plans_preference');
  const tags = list('tags');
  return Object.freeze({
    name: chosen, token, channel: str('channel'), url: str('url'), instance: str('instance'),
    ...(region ? { region } : {}),
    ...(plansPreference?.length ? { plansPreference } : {}),
    ...(tags?.length ? { tags } : {}),
    key,
  });
}
