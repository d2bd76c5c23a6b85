/**
 * Shared fuzzing machinery: verdicts, the mutation generator, and a bounded runner that records
 * the current input in a progress file before judging it (so a hang, which the parent process
 * detects with a timeout, still names the input that caused it).
 */
import * as fs from 'node:fs';
import fc from 'fast-check';

/** The judgement of one input. */
export type Verdict = { ok: true; outcome: string } | { ok: false; problem: string };

/** A fuzz target: a judge plus named generators. */
export interface FuzzTarget {
  name: string;
  judge(input: string): Verdict;
  generators: Record<string, fc.Arbitrary<string>>;
  /** Hand-written adversarial inputs, judged once each before the generators run. */
  fixed?: Record<string, string>;
}

type Mutation =
  | { kind: 'delChar' | 'dupChar' | 'delToken' | 'dupToken'; pos: number }
  | { kind: 'insChar'; pos: number; ch: string }
  | { kind: 'insToken'; pos: number; token: string }
  | { kind: 'swapTokens'; pos: number; pos2: number };

function applyMutation(src: string, m: Mutation): string {
  if (m.kind === 'delChar' || m.kind === 'dupChar' || m.kind === 'insChar') {
    const i = src.length ? m.pos % (src.length + 1) : 0;
    if (m.kind === 'delChar') return src.slice(0, i) + src.slice(i + 1);
    if (m.kind === 'dupChar') return src.slice(0, i) + src.charAt(i) + src.slice(i);
    return src.slice(0, i) + (m.kind === 'insChar' ? m.ch : '') + src.slice(i);
  }
  const parts = src.split(/(\s+|[;,()[\]{}=])/).filter((p) => p !== '');
  if (!parts.length) return src;
  const i = m.pos % parts.length;
  if (m.kind === 'delToken') parts.splice(i, 1);
  else if (m.kind === 'dupToken') parts.splice(i, 0, parts[i]!);
  else if (m.kind === 'insToken') parts.splice(i, 0, m.token);
  else if (m.kind === 'swapTokens') {
    const j = m.pos2 % parts.length;
    [parts[i], parts[j]] = [parts[j]!, parts[i]!];
  }
  return parts.join('');
}

/** Valid inputs with 1–3 char/token deletions, insertions, duplications or swaps. */
export function mutations(corpus: readonly string[], vocabulary: readonly string[]): fc.Arbitrary<string> {
  const pos = fc.nat({ max: 10_000 });
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constantFrom('delChar' as const, 'dupChar' as const, 'delToken' as const, 'dupToken' as const), pos }),
    fc.record({ kind: fc.constant('insChar' as const), pos, ch: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }),
    fc.record({ kind: fc.constant('insToken' as const), pos, token: fc.constantFrom(...vocabulary) }),
    fc.record({ kind: fc.constant('swapTokens' as const), pos, pos2: pos }),
  );
  return fc
    .tuple(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([base, ms]) => ms.reduce(applyMutation, base));
}

/** The runner's report (printed as one JSON line by the child process). */
export interface FuzzReport {
  target: string;
  runs: number;
  outcomes: Record<string, Record<string, number>>;
  failures: { generator: string; input: string; problem: string }[];
}

/** Runs every generator of `target` for `numRuns` inputs each. */
export function runFuzz(target: FuzzTarget, numRuns: number, seed: number, progressFile?: string): FuzzReport {
  const report: FuzzReport = { target: target.name, runs: 0, outcomes: {}, failures: [] };
  if (target.fixed) {
    const counts: Record<string, number> = (report.outcomes['adversarial (fixed)'] = {});
    for (const [name, input] of Object.entries(target.fixed)) {
      if (progressFile) fs.writeFileSync(progressFile, JSON.stringify({ generator: 'adversarial', name, input: input.slice(0, 300) }));
      report.runs++;
      const v = target.judge(input);
      if (v.ok) counts[v.outcome] = (counts[v.outcome] ?? 0) + 1;
      else {
        counts.other = (counts.other ?? 0) + 1;
        report.failures.push({ generator: `adversarial: ${name}`, input: input.length > 300 ? `${input.slice(0, 300)}… (${input.length} chars)` : input, problem: v.problem });
      }
    }
  }
  for (const [gen, arb] of Object.entries(target.generators)) {
    const counts: Record<string, number> = (report.outcomes[gen] = {});
    const result = fc.check(
      fc.property(arb, (input) => {
        if (progressFile) fs.writeFileSync(progressFile, JSON.stringify({ generator: gen, input }));
        report.runs++;
        const v = target.judge(input);
        if (v.ok) {
          counts[v.outcome] = (counts[v.outcome] ?? 0) + 1;
          return true;
        }
        counts.other = (counts.other ?? 0) + 1;
        return false;
      }),
      { numRuns, seed, endOnFailure: false, maxSkipsPerRun: 0 },
    );
    if (result.failed && result.counterexample) {
      const input = result.counterexample[0] as string;
      const v = target.judge(input);
      report.failures.push({ generator: gen, input, problem: v.ok ? 'flaky' : v.problem });
    }
  }
  return report;
}
