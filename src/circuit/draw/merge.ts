/**
 * How two stacked text lines of the drawing combine into one where they overlap, as in Qiskit's
 * text drawer (`TextDrawing.merge_lines`): a wire's top line is merged into the line below the
 * previous wire, and each line is merged with the one above it so that vertical connections run
 * through the wires they cross (`│` over `─` becomes `┼`, `║` over `═` becomes `╬`) and
 * adjacent boxes share edges (`└` over `┌` becomes `├`).
 *
 * `prefer` says which line wins when neither rule applies: `'top'` when two lines are folded
 * into one row, `'bot'` when a line is drawn under the previous one.
 */
export function mergeLines(top: string, bot: string, prefer: 'top' | 'bot' = 'top'): string {
  const n = Math.min(top.length, bot.length);
  let out = '';
  for (let i = 0; i < n; i++) out += mergeChar(top[i]!, bot[i]!, prefer === 'top');
  return out;
}

/** The rules in the order Qiskit applies them: the first that matches decides. */
function mergeChar(t: string, b: string, topWins: boolean): string {
  if (t === b) return t;
  if ('┼╪'.includes(t) && b === ' ') return '│';
  if (t === ' ') return b;
  if ('┬╥'.includes(t) && ' ║│'.includes(b) && topWins) return t;
  if (t === '┬' && b === ' ' && !topWins) return '│';
  if (t === '╥' && b === ' ' && !topWins) return '║';
  if ('┬│'.includes(t) && b === '═') return '╪';
  if ('┬│'.includes(t) && b === '─') return '┼';
  if ('└┘║│░'.includes(t) && b === ' ' && topWins) return t;
  if ('─═'.includes(t) && b === ' ') return topWins ? t : b;
  if ('║╥'.includes(t) && b === '═') return '╬';
  if ('║╥'.includes(t) && b === '─') return '╫';
  if ('║╫╬'.includes(t) && b === ' ') return '║';
  if ('│┼╪'.includes(t) && b === ' ') return '│';
  if (t === '└' && b === '┌' && topWins) return '├';
  if (t === '┘' && b === '┐' && topWins) return '┤';
  if ('┐┌'.includes(b) && topWins) return '┬';
  if ('┘└'.includes(t) && b === '─' && topWins) return '┴';
  if (b === ' ' && topWins) return t;
  return b;
}
