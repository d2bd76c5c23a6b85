'use strict';
// Writes dist/esm/index.mjs, the ES-module entry of the package. It re-exports the CommonJS
// build, whose named exports Node detects statically, so `import { Circuit } from 'qbridge'`
// and `require('qbridge')` load the same module instance.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', 'dist', 'esm');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(
  path.join(dir, 'index.mjs'),
  "export * from '../src/index.js';\nimport cjs from '../src/index.js';\nexport default cjs;\n",
);
