/**
 * "Did you mean" suggestions for a mistyped name (a gate, a backend), by edit distance.
 */

/**
 * The Levenshtein distance: the fewest single-character insertions, deletions and substitutions
 * that turn `a` into `b`.
 *
 * @example editDistance('kitten', 'sitting') === 3
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidates closest to `name`: a case-insensitive match first, else those within an edit
 * distance of about a third of the name's length (at least 1, at most 3), so short names get
 * only near-exact suggestions. Nearest first, at most `limit`.
 *
 * @example closestNames('cnot', ['cx', 'ccx', 'h']) is []; closestNames('hh', ['h', 'x']) is ['h']
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const list = [...new Set(candidates)].filter((c) => c !== name);
  const folded = list.filter((c) => c.toLowerCase() === name.toLowerCase());
  if (folded.length) return folded.slice(0, limit);
  const max = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  return list
    .map((c) => ({ c, d: editDistance(name.toLowerCase(), c.toLowerCase()), exact: editDistance(name, c) }))
    .filter(({ d }) => d <= max)
    // Ties: the same letter case first (cx before CX), then by name for a stable order.
    .sort((x, y) => x.d - y.d || x.exact - y.exact || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0))
    .slice(0, limit)
    .map(({ c }) => c);
}

/**
 * A message suffix such as ` (did you mean 'cx'?)`, or `''` when no candidate is close.
 *
 * @example didYouMean('hadamrd', ['h', 'hadamard']) === " (did you mean 'hadamard'?)"
 */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const near = closestNames(name, candidates);
  return near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : '';
}
