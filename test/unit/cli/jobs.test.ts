/**
 * `qbridge jobs list` and `jobs show` from the ledger alone: no credentials, and no network
 * (the in-process run would fail on any connection attempt only by hanging or erroring, so the
 * expected output — the ledger's own facts and the offline note — is what proves none was made).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, runCli, tempDir } from '../../support/cli';

afterAll(cleanupTempDirs);

/** A ledger file written by hand in the adapter's JSON-lines format (submit, then a later status). */
function ledgerHome(): string {
  const home = tempDir();
  const lines = [
    { event: 'submit', job_id: 'job_aaa111', client_tag: 'qb-1', backend: 'ibm_fez', time: '2026-01-02T03:04:05.000Z', program: 'sampler', tag: 'kernel:abc:0/2' },
    { event: 'status', job_id: 'job_aaa111', backend: 'ibm_fez', time: '2026-01-02T03:09:00.000Z', status: 'running' },
    { event: 'submit', job_id: 'job_bb22', client_tag: 'qb-2', backend: 'ibm_torino', time: '2026-01-02T04:00:00.000Z', program: 'estimator' },
  ];
  fs.writeFileSync(path.join(home, 'jobs.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return home;
}

describe('qbridge jobs offline', () => {
  it('jobs show prints what the ledger recorded without a token, and says the status is the ledger\'s', async () => {
    const home = ledgerHome();
    const r = await runCli(['jobs', 'show', 'job_aaa111', '--json'], { QBRIDGE_HOME: home, HOME: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      job_id: 'job_aaa111',
      backend: 'ibm_fez',
      program: 'sampler',
      status: 'running',
      submitted: '2026-01-02T03:04:05.000Z',
      updated: '2026-01-02T03:09:00.000Z',
      tag: 'kernel:abc:0/2',
      in_ledger: true,
      status_source: 'ledger (offline: no IBM credentials; set QISKIT_IBM_TOKEN and QISKIT_IBM_INSTANCE for the live status)',
    });
    const text = await runCli(['jobs', 'show', 'job_aaa111'], { QBRIDGE_HOME: home, HOME: home });
    expect(text.stdout).toContain('status: running\n');
    expect(text.stdout).toMatch(/status_source: ledger \(offline/);
  });

  it('jobs show of a job missing from the ledger, without credentials, is one line naming the ledger and the variables', async () => {
    const home = ledgerHome();
    const r = await runCli(['jobs', 'show', 'job_zzz'], { QBRIDGE_HOME: home, HOME: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `qbridge: InputValidationError: job job_zzz is not in the ledger (${path.join(home, 'jobs.jsonl')}), and without QISKIT_IBM_TOKEN and QISKIT_IBM_INSTANCE IBM cannot be asked\n`,
    );
  });

  it('jobs list prints a header line and aligned columns', async () => {
    const home = ledgerHome();
    const r = await runCli(['jobs', 'list'], { QBRIDGE_HOME: home, HOME: home });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['JOB ID', 'BACKEND', 'PROGRAM', 'STATUS', 'SUBMITTED', 'TAG']);
    expect(lines[1]!.split(/\s{2,}/)).toEqual(['job_aaa111', 'ibm_fez', 'sampler', 'running', '2026-01-02T03:04:05.000Z', 'kernel:abc:0/2']);
    expect(lines[2]!.split(/\s{2,}/).slice(0, 3)).toEqual(['job_bb22', 'ibm_torino', 'estimator']);
    // Columns line up: each header starts where its values start.
    for (const h of ['BACKEND', 'STATUS', 'SUBMITTED']) {
      const at = lines[0]!.indexOf(h);
      expect(lines[1]![at - 1]).toBe(' ');
      expect(lines[1]![at]).not.toBe(' ');
    }
  });
});
