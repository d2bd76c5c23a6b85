#!/usr/bin/env node
'use strict';
// The qbridge command. Runs the compiled CLI from dist/ (built by `npm ci` through `prepare`).
// With QBRIDGE_FROM_SOURCE=1, or when dist/ is missing, it runs the TypeScript sources through
// ts-node instead (development and tests).
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const built = path.join(root, 'dist', 'src', 'cli', 'main.js');
let entry = built;
if (process.env.QBRIDGE_FROM_SOURCE === '1' || !fs.existsSync(built)) {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  entry = path.join(root, 'src', 'cli', 'main.ts');
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
