#!/usr/bin/env node
// npm run bench: the reference VAE's training throughput on every compute backend available here and, in the
// same run, in PyTorch (Debian's python3-torch, one OpenBLAS thread) when it is installed. Prints a markdown
// table and writes JSON to bench/results/latest.json. Ratios, not absolute timings, are what to compare.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const seconds = process.env.BENCH_SECONDS ?? '8';
const env = { ...process.env, OMP_NUM_THREADS: '1', TF_CPP_MIN_LOG_LEVEL: '2' };

function runJson(cmd, args) {
  const result = spawnSync(cmd, args, { env, encoding: 'utf8', cwd: join(here, '..') });
  const line = (result.stdout ?? '').trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) return { available: false, reason: (result.stderr || result.error?.message || 'no output').trim().split('\n').pop() };
  return JSON.parse(line);
}

const results = [];
for (const backend of ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']) {
  process.stderr.write(`measuring ${backend}…\n`);
  results.push({ backend, ...runJson(process.execPath, ['--import', 'tsx', join(here, 'vae-throughput.ts'), backend, seconds]) });
}

let torchAvailable = false;
try {
  execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
  torchAvailable = true;
} catch {
  results.push({ backend: 'pytorch', available: false, reason: 'python3-torch is not installed (apt-get install python3-torch libopenblas0-pthread)' });
}
if (torchAvailable) {
  process.stderr.write('measuring pytorch…\n');
  results.push({ backend: 'pytorch', ...runJson('/usr/bin/python3', [join(here, 'torch_vae.py'), seconds]) });
}

const torch = results.find((r) => r.backend === 'pytorch' && r.available);
for (const r of results) if (r.available && torch) r.ratioToPytorch = r.samplesPerSec / torch.samplesPerSec;

const report = {
  benchmark: 'reference VAE 784-400-20, ReLU, Bernoulli decoder, Adam 1e-3, batch 128: training samples/s',
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  date: new Date().toISOString(),
  results,
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);

const lines = [
  `| backend | samples/s | × PyTorch | detail |`,
  `| --- | ---: | ---: | --- |`,
  ...results.map((r) =>
    r.available
      ? `| ${r.backend} | ${Math.round(r.samplesPerSec).toLocaleString('en-US')} | ${r.ratioToPytorch?.toFixed(3) ?? '–'} | ${r.detail} |`
      : `| ${r.backend} | – | – | unavailable: ${r.reason} |`,
  ),
];
console.log(JSON.stringify(report));
console.log(`\n${report.benchmark}\n${report.machine}\n\n${lines.join('\n')}`);
