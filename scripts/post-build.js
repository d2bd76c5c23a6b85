'use strict';
// Runs after `tsc` (npm run build):
// 1. writes dist/esm/index.mjs, the ES-module entry of the package. It re-exports the CommonJS
//    build, whose named exports Node detects statically, so `import { Circuit } from 'qbridge'`
//    and `require('qbridge')` load the same module instance. Beside it, dist/esm/index.d.mts, its
//    declarations: the same re-export in ES-module form, so that TypeScript (`nodenext`) sees an
//    ES module behind the `import` condition, not CommonJS declarations for an .mjs file;
// 2. copies the fake devices' configuration JSON (package data, simulators/fake/data/*.json) next
//    to the compiled fake backends, which load it lazily with require() (tsc does not copy files
//    it does not see imported statically). Nothing from fixtures/ (test data) goes into dist/.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');

const esm = path.join(dist, 'esm');
fs.mkdirSync(esm, { recursive: true });
const reExport = "export * from '../src/index.js';\nimport cjs from '../src/index.js';\nexport default cjs;\n";
fs.writeFileSync(path.join(esm, 'index.mjs'), reExport);
fs.writeFileSync(path.join(esm, 'index.d.mts'), reExport);

const devices = path.join(root, 'simulators', 'fake', 'data');
const devicesOut = path.join(dist, 'simulators', 'fake', 'data');
fs.mkdirSync(devicesOut, { recursive: true });
for (const file of fs.readdirSync(devices)) {
  if (file.endsWith('.json')) fs.copyFileSync(path.join(devices, file), path.join(devicesOut, file));
}
