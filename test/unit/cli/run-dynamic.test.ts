import { cleanupTempDirs, runCli, tempQasm } from '../../support/cli';

afterAll(cleanupTempDirs);

// Active reset by feed-forward: q[0] is random, measured, then flipped back when it read 1, so
// the second measurement always reads 0; c[0] is 0 or 1.
const ACTIVE_RESET = `OPENQASM 3.0;
include "stdgates.inc";
qubit[1] q;
bit[2] c;
h q[0];
c[0] = measure q[0];
if (c[0]) { x q[0]; }
c[1] = measure q[0];
`;

describe('qbridge run with a dynamic circuit (issue 12)', () => {
  it('samples an if on a measurement result on the local simulator', async () => {
    const r = await runCli(['run', tempQasm(ACTIVE_RESET), '--shots', '400', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { shots: number; counts: { c: Record<string, number> } };
    // Only 00 and 01 can occur (c[1] is always 0); each about half the shots.
    expect(Object.keys(out.counts.c).sort()).toEqual(['00', '01']);
    expect(out.counts.c['00']! + out.counts.c['01']!).toBe(400);
    expect(Math.abs(out.counts.c['01']! - 200)).toBeLessThanOrEqual(40); // 4σ of Binomial(400, 1/2)
  });
});
