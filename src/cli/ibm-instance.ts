/**
 * How the CLI says which IBM instance was used, when qbridge chose it (the instance was given
 * as a name, or not at all / `auto`): a JSON field and one text line. With a CRN configured the
 * user named the instance, and nothing is added.
 */
import type { Backend } from '../backend';
import type { IbmInstanceChoice } from '../../adapters/ibm-runtime';

/** The instance an IBM backend runs on, when the service chose it (by name or automatically). */
export function chosenInstance(backend: Backend): IbmInstanceChoice | undefined {
  const i = (backend as { instance?: IbmInstanceChoice }).instance;
  return i && i.selection !== 'crn' ? i : undefined;
}

/** The `instance` field of a command's JSON output: `{name, crn, plan, selection}`. */
export function instanceJson(i: IbmInstanceChoice): Record<string, string> {
  return { ...(i.name ? { name: i.name } : {}), crn: i.crn, ...(i.plan ? { plan: i.plan } : {}), selection: i.selection === 'name' ? 'by name' : 'automatic' };
}

/** `IBM instance NAME (plan P), resolved from its name | chosen automatically: CRN`. */
export function instanceLine(i: IbmInstanceChoice): string {
  const how = i.selection === 'name' ? 'resolved from its name' : 'chosen automatically (no QISKIT_IBM_INSTANCE, or auto)';
  return `IBM instance ${i.name ?? i.crn}${i.plan ? ` (plan ${i.plan})` : ''}, ${how}: ${i.crn}`;
}
