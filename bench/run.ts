/**
 * `npm run bench [-- --only name[,name]] [--quick]`: runs the registered sections in one
 * process, prints their tables and writes bench/results/latest.json (git-ignored).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SECTIONS } from './sections';

function parseArgs(argv: readonly string[]): { only: string[] | null; quick: boolean } {
  let only: string[] | null = null;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--only') only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a.startsWith('--only=')) only = a.slice(7).split(',').filter(Boolean);
    else if (a === '--help' || a === '-h') {
      console.log(`usage: npm run bench -- [--only ${SECTIONS.map((s) => s.name).join('|')}[,…]] [--quick]`);
      process.exit(0);
    } else {
      console.error(`unknown argument '${a}'`);
      process.exit(2);
    }
  }
  return { only, quick };
}

async function main(): Promise<void> {
  const { only, quick } = parseArgs(process.argv.slice(2));
  if (only) {
    const unknown = only.filter((n) => !SECTIONS.some((s) => s.name === n));
    if (unknown.length) {
      console.error(`unknown section(s): ${unknown.join(', ')} (known: ${SECTIONS.map((s) => s.name).join(', ')})`);
      process.exit(2);
    }
  }
  const chosen = SECTIONS.filter((s) => !only || only.includes(s.name));
  const out: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    quick,
    sections: {},
  };
  const started = Date.now();
  for (const section of chosen) {
    console.log(`\n== ${section.name}: ${section.description}`);
    const t0 = Date.now();
    const result = await section.run({ quick, print: (text) => console.log(text) });
    (out.sections as Record<string, unknown>)[section.name] = { seconds: (Date.now() - t0) / 1000, result };
    console.log(`(${section.name}: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  out.totalSeconds = (Date.now() - started) / 1000;
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), file)} (${(out.totalSeconds as number).toFixed(0)} s in all)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
