import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobLedger } from '../../../../adapters/ibm-runtime';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-ledger-'));

describe('JobLedger', () => {
  it('writes a submission durably at once and folds statuses into one report', () => {
    const home = path.join(tmp(), 'nested', 'home');
    let t = Date.parse('2026-04-20T14:00:00Z');
    const l = JobLedger.inHome(home, { now: () => (t += 1000) });
    l.recordSubmit({ job_id: 'j1', backend: 'ibm_fez', program: 'sampler', payload_sha256: 'a'.repeat(64), tag: 'exp-1' });
    expect(fs.readFileSync(l.file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
    l.recordStatus('j1', 'running');
    expect(fs.readFileSync(l.file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1); // buffered
    l.recordStatus('j1', 'done');
    const lines = fs.readFileSync(l.file, 'utf8').trim().split('\n').map((x) => JSON.parse(x));
    expect(lines.map((x) => x.status)).toEqual(['queued', 'running', 'done']);
    expect(l.jobs()).toEqual([
      expect.objectContaining({ job_id: 'j1', backend: 'ibm_fez', program: 'sampler', tag: 'exp-1', status: 'done', submitted: '2026-04-20T14:00:01.000Z' }),
    ]);
    expect(fs.statSync(l.file).mode & 0o777).toBe(0o600);
  });

  it('tail(n) returns the last n lines of a multi-chunk file and skips a torn last line', () => {
    const l = new JobLedger(path.join(tmp(), 'jobs.jsonl'));
    l.recordSubmit({ job_id: 'job0', backend: 'ibm_fez', program: 'sampler' });
    const lines = Array.from({ length: 2999 }, (_, i) => JSON.stringify({ event: 'submit', job_id: `job${i + 1}`, time: 't', tag: 'x'.repeat(40) }));
    fs.appendFileSync(l.file, `${lines.join('\n')}\n{"job_id":"torn","ev`);
    expect(fs.statSync(l.file).size).toBeGreaterThan(3 * 64 * 1024);
    expect(l.tail(5).map((e) => e.job_id)).toEqual(['job2995', 'job2996', 'job2997', 'job2998', 'job2999']);
    expect(l.tail(0)).toEqual([]);
    expect(l.tail(100000)).toHaveLength(3000);
    expect([...l.entries()]).toHaveLength(3000);
  });

  it('an append after a torn last line (killed mid-write) starts on a fresh line: no record is lost', () => {
    const l = new JobLedger(path.join(tmp(), 'jobs.jsonl'));
    l.recordSubmit({ job_id: 'before', backend: 'ibm_fez', program: 'sampler' });
    fs.appendFileSync(l.file, '{"event":"submit","job_id":"torn","backend":"ibm_f'); // no trailing newline
    l.recordSubmit({ job_id: 'after', backend: 'ibm_fez', program: 'sampler' });
    expect(l.jobs().map((j) => j.job_id)).toEqual(['before', 'after']);
    expect(fs.readFileSync(l.file, 'utf8').endsWith('\n')).toBe(true);
    // A clean file gets no blank lines from the check.
    const clean = new JobLedger(path.join(tmp(), 'jobs.jsonl'));
    clean.recordSubmit({ job_id: 'a', backend: 'b', program: 'sampler' });
    clean.recordSubmit({ job_id: 'b', backend: 'b', program: 'sampler' });
    expect(fs.readFileSync(clean.file, 'utf8').split('\n')).toHaveLength(3);
  });

  it('concurrent appends from one process never interleave lines', async () => {
    const l = new JobLedger(path.join(tmp(), 'jobs.jsonl'));
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await new Promise((r) => setImmediate(r));
        l.recordSubmit({ job_id: `j${i}`, backend: 'b', program: 'sampler', tag: 't'.repeat(i % 50) });
        l.recordStatus(`j${i}`, 'done');
      }),
    );
    const lines = fs.readFileSync(l.file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(400);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(l.jobs().every((j) => j.status === 'done')).toBe(true);
  });

  it('lists a submission whose answer was lost as unconfirmed, with its client tag', () => {
    const l = new JobLedger(path.join(tmp(), 'jobs.jsonl'));
    l.recordIntent({ client_tag: 'qbridge-aaaa', backend: 'ibm_fez', program: 'sampler' });
    l.recordIntent({ client_tag: 'qbridge-bbbb', backend: 'ibm_fez', program: 'sampler' });
    l.recordSubmit({ client_tag: 'qbridge-bbbb', job_id: 'j2', backend: 'ibm_fez', program: 'sampler' });
    const jobs = l.jobs();
    expect(jobs.map((j) => [j.job_id, j.status])).toEqual([
      ['unconfirmed:qbridge-aaaa', 'unconfirmed'],
      ['j2', 'queued'],
    ]);
    expect(l.tail(3).map((e) => e.event)).toEqual(['intent', 'intent', 'submit']);
  });

  it('an empty or missing ledger reads as no jobs', () => {
    const l = new JobLedger(path.join(tmp(), 'none.jsonl'));
    expect(l.tail(10)).toEqual([]);
    expect(l.jobs()).toEqual([]);
    expect(() => l.tail(-1)).toThrow(/integer/);
  });
});
