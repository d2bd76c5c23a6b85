#!/usr/bin/env node
'use strict';
// The qbridge command. Runs the compiled CLI from dist/: in the installed package dist/ is always
// there (`npm pack` builds it through `prepack`). In a git checkout dist/ exists only after
// `npm run build` (`npm start` builds first); with QBRIDGE_FROM_SOURCE=1, or when dist/ is
// missing, the TypeScript sources run through ts-node instead (a devDependency: development and
// tests), so `npx qbridge` works right after `npm ci`.
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const built = path.join(root, 'dist', 'src', 'cli', 'main.js');
let entry = built;
if (process.env.QBRIDGE_FROM_SOURCE === '1' || !fs.existsSync(built)) {
  let tsNode;
  try {
    tsNode = require('ts-node');
  } catch {
    // Neither the build nor the development tools: one line saying what to do, not a stack trace.
    console.error(`qbridge: ${path.relative(process.cwd(), built) || built} is missing and ts-node is not installed: run \`npm run build\``);
    process.exit(1);
  }
  tsNode.register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  entry = path.join(root, 'src', 'cli', 'main.ts');
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
