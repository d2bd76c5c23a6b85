/**
 * Leak detection: every surface an error or object exposes when printed, and a search of text
 * for secrets (API key, bearer tokens, the instance's account id).
 */
import * as util from 'node:util';
import { FAKE_CRN } from './runtime-server';

/** The account-id part of the fake CRN (CRNs stay out of messages too). */
export const CRN_ACCOUNT_ID = /a\/([0-9a-f]{32})/.exec(FAKE_CRN)![1]!;

/** Everything printing an error can show: message, stack, JSON, inspect, the whole cause chain. */
export function errorSurfaces(e: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let c: unknown = e, i = 0; c !== undefined && c !== null && i < 10 && !seen.has(c); i++) {
    seen.add(c);
    if (c instanceof Error) parts.push(c.message, c.stack ?? '');
    try {
      parts.push(JSON.stringify(c) ?? '');
    } catch (err) {
      parts.push(`<JSON.stringify threw ${String(err)}>`);
    }
    parts.push(util.inspect(c, { depth: 20, showHidden: true, getters: true }), String(c));
    c = (c as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

/** The names of the secrets found in `text`. */
export function leaksIn(text: string, secrets: Record<string, string | readonly string[]>): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    const values = typeof value === 'string' ? [value] : value;
    for (const v of values) {
      if (!v) continue;
      // Tokens are also checked by their signature-free prefix (a header.payload fragment).
      if (text.includes(v) || (v.split('.').length === 3 && text.includes(v.split('.')[1]!))) {
        found.push(name);
        break;
      }
    }
  }
  return found;
}
