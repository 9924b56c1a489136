#!/usr/bin/env node
// Before `npm start`: build better-sqlite3 once more for Electron's ABI, into .electron-native/, and leave the
// copy in node_modules built for Node (tests, serve mode and the CLI use that one). The Electron main process
// passes .electron-native/better_sqlite3.node to better-sqlite3 as its `nativeBinding`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, '.electron-native');
const target = join(outDir, 'better_sqlite3.node');

const electronPkg = join(root, 'node_modules', 'electron', 'package.json');
if (!existsSync(electronPkg)) fail('electron is not installed: run `npm install` first.');
const electronVersion = JSON.parse(readFileSync(electronPkg, 'utf8')).version;
// Resolving 'electron' downloads its binary on first use when the install skipped it.
let electronBinary = null;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = null;
}
if (!electronBinary || !existsSync(electronBinary)) {
  fail(
    `Electron ${electronVersion}'s binary is not installed and could not be downloaded from this machine.\n` +
      '  On a workstation with internet access, run `npx install-electron`; or use `npm run serve` to run Latent Lab in a browser.',
  );
}

const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const stamp = `electron ${electronVersion} / better-sqlite3 ${sqliteVersion} / ${process.platform}-${process.arch}`;
const stampFile = join(outDir, 'stamp.txt');
if (existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) process.exit(0);

console.log(`Building better-sqlite3 for ${stamp} (once)…`);
const work = join(outDir, 'work');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${join(sqliteDir, 'build')}`) });

const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion } });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
try {
  run(npx, ['--no-install', 'prebuild-install', '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]);
} catch {
  console.log('No prebuilt binary for this Electron; compiling from source with node-gyp…');
  run(npx, ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers']);
}
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
writeFileSync(stampFile, stamp);
rmSync(work, { recursive: true, force: true });
console.log(`Electron build of better-sqlite3 ready: ${target}`);

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}
