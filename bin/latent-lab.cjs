#!/usr/bin/env node
// Entry for `npx latent-lab`: runs the bundled CLI (built by `npm install` through the prepare script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('latent-lab: the app is not built yet; run `npm run build` in the repository first\n');
  process.exit(1);
}
require(cli);
