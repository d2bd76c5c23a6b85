import * as path from 'node:path';
import { MAX_SHOTS, shotsFlag } from '../../../src/cli/flags';
import { BELL_QASM, cleanupTempDirs, runCli, tempQasm } from '../../support/cli';

afterAll(cleanupTempDirs);

const CSV = (f: string): string => path.join(__dirname, '..', '..', '..', 'fixtures', 'csv', f);

/** Every sampling command, without its --shots value (appended by the test). */
function commands(): Record<string, string[]> {
  return {
    run: ['run', tempQasm(BELL_QASM)],
    kernel: ['kernel', '--train', CSV('train.csv')],
    qsvc: ['qsvc', '--dataset', 'ad-hoc', '--train-size', '2', '--test-size', '1'],
  };
}

describe('--shots: one range and one message on every command', () => {
  it('the parser accepts the bounds and refuses just outside them', () => {
    expect(shotsFlag('1')).toBe(1);
    expect(shotsFlag(String(MAX_SHOTS))).toBe(MAX_SHOTS);
    expect(shotsFlag(undefined)).toBeUndefined();
    expect(() => shotsFlag('0')).toThrow("--shots must be an integer from 1 to 10000000, got '0'");
    expect(() => shotsFlag(String(MAX_SHOTS + 1))).toThrow(`--shots must be an integer from 1 to 10000000, got '${MAX_SHOTS + 1}'`);
  });

  it.each(['0', '10000001', '1e3', '2.5', '-4'])("run, kernel and qsvc refuse --shots %s with the same one-line message", async (bad) => {
    const messages: Record<string, string> = {};
    for (const [name, args] of Object.entries(commands())) {
      const r = await runCli([...args, '--shots', bad]);
      expect({ name, code: r.code, stdout: r.stdout }).toEqual({ name, code: 1, stdout: '' });
      messages[name] = r.stderr;
    }
    const expected = `qbridge: InputValidationError: --shots must be an integer from 1 to 10000000, got '${bad}'\n`;
    expect(messages).toEqual({ run: expected, kernel: expected, qsvc: expected });
  });

  it("point 6: an IBM-like backend's limit is its 5 000 000 executions per job (not the legacy 100 000 shots), refused before any job, naming --shots, the same way on run, kernel and qsvc", async () => {
    const expected = "qbridge: InputValidationError: --shots 5000001 exceeds backend 'fake_line5''s limit of 5000000 shots\n";
    for (const [name, args] of Object.entries(commands())) {
      const r = await runCli([...args, '--backend', 'fake_line5', '--shots', '5000001']);
      expect({ name, code: r.code, stderr: r.stderr }).toEqual({ name, code: 1, stderr: expected });
    }
  });
});
