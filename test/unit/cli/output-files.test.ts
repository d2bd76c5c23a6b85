/**
 * Output-file flags pointing into a missing folder fail with one typed line naming the flag and
 * the folder, before any input is read or anything is computed (the inputs here do not even
 * exist, and a TTY run would draw a progress bar on stderr had the computation started).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkOutputFiles } from '../../../src/cli/io';
import { InputValidationError } from '../../../src/core/errors';
import { cleanupTempDirs, runCli, tempDir } from '../../support/cli';

const dir = tempDir('qbridge-output-files-');
afterAll(cleanupTempDirs);
const missing = path.join(dir, 'no-such-folder');
const CSV = path.join(__dirname, '..', '..', '..', 'fixtures', 'csv', 'train.csv');

describe('output files into a missing folder', () => {
  it.each([
    ['kernel --out', ['kernel', '--train', path.join(dir, 'absent.csv'), '--out', path.join(missing, 'k.json')], '--out'],
    ['kernel --svg', ['kernel', '--train', CSV, '--svg', path.join(missing, 'k.svg')], '--svg'],
    ['qsvc --svg', ['qsvc', '--train', path.join(dir, 'absent.csv'), '--test', CSV, '--svg', path.join(missing, 'q.svg')], '--svg'],
    ['main-job --svg', ['main-job', '--svg', path.join(missing, 'm.svg')], '--svg'],
    ['run --svg', ['run', path.join(dir, 'absent.qasm'), '--svg', path.join(missing, 'h.svg')], '--svg'],
  ])('%s: one typed line naming the flag and the folder, nothing computed', async (_name, args, flag) => {
    const r = await runCli(args, {}, { isTTY: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^qbridge: InputValidationError: ${flag} .*folder '${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' does not exist`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('checkOutputFiles: an existing folder passes; a folder as the file and a file as the folder are refused', () => {
    expect(() => checkOutputFiles({ '--out': path.join(dir, 'ok.json'), '--svg': undefined })).not.toThrow();
    expect(() => checkOutputFiles({ '--out': dir })).toThrow(/--out .*is a folder, not a file/);
    const file = path.join(dir, 'plain.txt');
    fs.writeFileSync(file, 'x');
    expect(() => checkOutputFiles({ '--svg': path.join(file, 'k.svg') })).toThrow(InputValidationError);
    expect(() => checkOutputFiles({ '--svg': path.join(file, 'k.svg') })).toThrow(/--svg .*is not a folder/);
  });

  it('an existing folder still gets the file', async () => {
    const out = path.join(dir, 'k.json');
    expect((await runCli(['kernel', '--train', CSV, '--out', out])).code).toBe(0);
    expect((JSON.parse(fs.readFileSync(out, 'utf8')) as { shape: number[] }).shape).toEqual([3, 3]);
  });
});
