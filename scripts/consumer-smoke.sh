#!/usr/bin/env bash
# The package as a consumer gets it (run by .ci/run after the tests):
#   npm pack (the prepack build) -> @arethetypeswrong/cli on the tarball -> the tarball installed
#   into a fresh folder outside the repository -> four consumers run against it:
#   (a) TypeScript, strict, module/moduleResolution nodenext (an .mts and a .cts file),
#   (b) TypeScript, strict, module esnext + moduleResolution bundler,
#   (c) an ES module (.mjs), (d) a CommonJS script (.cjs).
# The TypeScript consumers compile with lib ES2022 and types [] (no DOM, no @types/node: the
# declarations must not lean on them) and are then run. Every consumer uses the library for real:
# a Bell state (amplitudes), Bell counts on the local simulator, a 16-qubit GHZ state through the
# WebAssembly kernels (checked against the plain-TypeScript kernels), an 18-qubit one split over
# worker threads, and a fake device (its configuration JSON loaded from the package) running the
# Bell circuit after transpilation. Any failure exits nonzero.
#
# Network: npm installs the package's dependencies from its cache when it has them
# (--prefer-offline), else from the registry. TypeScript comes from this checkout's node_modules.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tsc="$root/node_modules/typescript/bin/tsc"
work="$(mktemp -d "${TMPDIR:-/tmp}/qbridge-consumer-XXXXXX")"
trap 'rm -rf "$work"' EXIT

step() { printf '\n== consumer smoke: %s\n' "$1"; }

step 'npm pack'
(cd "$root" && npm pack --loglevel=warn --pack-destination "$work" >/dev/null)
tarballs=("$work"/qbridge-*.tgz)
[ "${#tarballs[@]}" -eq 1 ] && [ -f "${tarballs[0]}" ] || { echo "expected one qbridge-*.tgz in $work" >&2; exit 1; }
tarball="${tarballs[0]}"
listing="$work/listing.txt"
tar -tzf "$tarball" > "$listing"
echo "$(basename "$tarball"): $(wc -l < "$listing") files"
# Nothing of the tests, fixtures or sources may ship; the device data and the ES entry must.
if grep -E '^package/(test|fixtures|src|bench|scripts)/|\.map$|\.test\.' "$listing"; then
  echo 'the tarball ships files it must not (above)' >&2; exit 1
fi
for f in package/dist/esm/index.mjs package/dist/esm/index.d.mts package/dist/src/index.d.ts \
  package/dist/simulators/fake/data/fez.configuration.json package/LICENSE package/README.md; do
  grep -qx "$f" "$listing" || { echo "the tarball lacks $f" >&2; exit 1; }
done

step 'attw (are the types wrong?) on the tarball'
(cd "$root" && npx --no-install attw "$tarball")

step 'install into a fresh folder'
app="$work/app"
mkdir -p "$app"
cd "$app"
printf '{ "name": "qbridge-consumer", "version": "1.0.0", "private": true }\n' > package.json
npm install --prefer-offline --no-audit --no-fund "$tarball"
[ ! -e node_modules/@types ] || { echo 'node_modules/@types exists: the types [] check would not mean anything' >&2; exit 1; }

# One body for every consumer: only the import line differs. Plain JavaScript that is also strict
# TypeScript (no annotations needed: defaults and qbridge's declarations give every type).
body='
const fail = (what = "") => { throw new Error(`consumer smoke: ${what}`); };
const near = (a = 0, b = 0, what = "") => { if (!(Math.abs(a - b) < 1e-9)) fail(`${what}: ${a}, expected ${b}`); };

async function main() {
  // A Bell state: amplitudes 1/sqrt(2) on |00> and |11>, nothing elsewhere.
  const sv = q.Statevector.fromCircuit(new q.Circuit(2).h(0).cx(0, 1));
  near(sv.amplitude(0).re, Math.SQRT1_2, "Bell amplitude 00");
  near(sv.amplitude(3).re, Math.SQRT1_2, "Bell amplitude 11");
  near(sv.amplitude(1).abs() + sv.amplitude(2).abs(), 0, "Bell amplitudes 01, 10");

  // Counts on the local simulator: 1000 shots, only 00 and 11, each near half.
  const bell = new q.Circuit(2).h(0).cx(0, 1).measureAll();
  const local = await q.acquireBackend("local");
  const counts = (await (await new q.Sampler(local, { shots: 1000, seed: 7 }).run([bell])).result()).pubs[0].data.meas.getCounts();
  const keys = Object.keys(counts).sort().join(",");
  if (keys !== "00,11") fail(`local counts have outcomes ${keys}`);
  if (counts["00"] + counts["11"] !== 1000 || Math.abs(counts["00"] - 500) > 100) fail(`local counts ${JSON.stringify(counts)}`);

  // GHZ states: 16 qubits run on the WebAssembly kernels (embedded in the package), 18 qubits split
  // over worker threads; both must equal the plain-TypeScript kernels and the exact 1/sqrt(2).
  for (const [n, threads] of [[16, 1], [18, 2]]) {
    const ghz = new q.Circuit(n).h(0);
    for (let k = 1; k < n; k++) ghz.cx(k - 1, k);
    const fast = q.Statevector.fromCircuit(ghz, { threads });
    const plain = q.Statevector.fromCircuit(ghz, { wasm: false, threads: 1 });
    const last = 2 ** n - 1;
    near(fast.amplitude(0).re, Math.SQRT1_2, `GHZ(${n}) amplitude 0`);
    near(fast.amplitude(last).re, Math.SQRT1_2, `GHZ(${n}) amplitude ${last}`);
    for (const i of [0, 1, 12345 % last, last - 1, last]) {
      near(fast.amplitude(i).re, plain.amplitude(i).re, `GHZ(${n}) wasm vs plain, re ${i}`);
      near(fast.amplitude(i).im, plain.amplitude(i).im, `GHZ(${n}) wasm vs plain, im ${i}`);
    }
  }

  // A fake device: its configuration JSON ships in the package; the Bell circuit is transpiled
  // to its native gates and, noise being off, gives only 00 and 11.
  const fake = await q.acquireBackend("fake_line5");
  if (fake.target.numQubits !== 5) fail(`fake_line5 has ${fake.target.numQubits} qubits`);
  const fakeCounts = (await (await new q.Sampler(fake, { shots: 400, seed: 3 }).run([bell])).result()).pubs[0].data.meas.getCounts();
  const fakeKeys = Object.keys(fakeCounts).sort().join(",");
  if (fakeKeys !== "00,11" || fakeCounts["00"] + fakeCounts["11"] !== 400) fail(`fake_line5 counts ${JSON.stringify(fakeCounts)}`);
  return `Bell ${JSON.stringify(counts)}, fake_line5 ${JSON.stringify(fakeCounts)}`;
}

main().then(
  (summary) => console.log(`ok ${format}: ${summary}`),
  (e) => { console.error(e instanceof Error ? e.message : e); process.exitCode = 1; },
);
'
# The globals the scripts use, for TypeScript without @types/node (types []).
globals='declare const console: { log(...data: unknown[]): void; error(...data: unknown[]): void };
declare const process: { exitCode?: number };'

step '(c) ES module'
{ echo "import * as q from 'qbridge';"; echo "const format = 'esm';"; printf '%s\n' "$body"; } > smoke.mjs
node smoke.mjs

step '(d) CommonJS'
{ echo "const q = require('qbridge');"; echo "const format = 'cjs';"; printf '%s\n' "$body"; } > smoke.cjs
node smoke.cjs

step '(a) TypeScript, strict, nodenext'
mkdir -p nodenext
printf '%s\n' "$globals" > nodenext/globals.d.ts
{ echo "import * as q from 'qbridge';"; echo "const format = 'ts-nodenext-esm';"; printf '%s\n' "$body"; } > nodenext/smoke.mts
{ echo "import q = require('qbridge');"; echo "const format = 'ts-nodenext-cjs';"; printf '%s\n' "$body"; } > nodenext/smoke.cts
cat > nodenext/tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "strict": true, "target": "ES2022", "lib": ["ES2022"], "types": [],
    "module": "nodenext", "moduleResolution": "nodenext", "skipLibCheck": false, "outDir": "out"
  },
  "files": ["globals.d.ts", "smoke.mts", "smoke.cts"]
}
EOF
node "$tsc" -p nodenext
node nodenext/out/smoke.mjs
node nodenext/out/smoke.cjs

step '(b) TypeScript, strict, bundler'
mkdir -p bundler/out
printf '%s\n' "$globals" > bundler/globals.d.ts
{ echo "import * as q from 'qbridge';"; echo "const format = 'ts-bundler';"; printf '%s\n' "$body"; } > bundler/smoke.ts
cat > bundler/tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "strict": true, "target": "ES2022", "lib": ["ES2022"], "types": [],
    "module": "esnext", "moduleResolution": "bundler", "skipLibCheck": false, "outDir": "out"
  },
  "files": ["globals.d.ts", "smoke.ts"]
}
EOF
node "$tsc" -p bundler
# The emitted .js is ES-module syntax: run it as such (a bundler would take it as it is).
printf '{ "type": "module" }\n' > bundler/out/package.json
node bundler/out/smoke.js

step 'all consumers passed'
