#!/usr/bin/env node
// npm run bench: the reference VAE's training throughput on every compute backend available here and, in the
// same run, in PyTorch (Debian's python3-torch, one OpenBLAS thread) when it is installed; dataset import against
// Python/PIL; the experiment budgets of bench/experiments.ts (a 1M-step run, 1,000 runs, a 12-run sweep); the
// latents export of 70,000 Fashion-MNIST images against the same encoding in PyTorch; the latent explorer's budgets
// of bench/latent-explorer.ts (scrub frames, traversal and prior grids, the 10,000-code projector, through serve mode);
// and VGAE link prediction on a Cora-sized stochastic block model (bench/graph-vae.ts) against the same model and split
// in PyTorch (bench/torch_vgae.py).
// Prints markdown tables and merges JSON into bench/results/latest.json (sections not measured keep their last
// results). Ratios and budgets measured in one run, not absolute timings, are what to compare.
//
//   node bench/run.mjs --only experiments   only these sections: training, import, experiments, export, latent, graph (comma-separated)
//   BENCH_EXPERIMENTS=table,sweep           only these parts of the experiments: metrics, table, sweep
//   BENCH_LATENT=scrub,grids                only these parts of the latent explorer: scrub, grids, projector, umap
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const seconds = process.env.BENCH_SECONDS ?? '8';
const env = { ...process.env, OMP_NUM_THREADS: '1', TF_CPP_MIN_LOG_LEVEL: '2' };
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`;

const SECTIONS = ['training', 'import', 'experiments', 'export', 'latent', 'graph'];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? SECTIONS : (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean);
if (only.length === 0 || only.some((s) => !SECTIONS.includes(s))) {
  process.stderr.write(`--only takes one or more of ${SECTIONS.join(', ')}, comma-separated\n`);
  process.exit(2);
}

function runJson(cmd, args, { showProgress = false } = {}) {
  const result = spawnSync(cmd, args, {
    env,
    encoding: 'utf8',
    cwd: join(here, '..'),
    maxBuffer: 64 * 2 ** 20,
    ...(showProgress ? { stdio: ['ignore', 'pipe', 'inherit'] } : {}),
  });
  const line = (result.stdout ?? '').trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) return { available: false, reason: (result.stderr || result.error?.message || 'no output').trim().split('\n').pop() };
  return JSON.parse(line);
}

/** Whether Debian's python3 imports these modules. */
function pythonHas(modules) {
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${modules}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A markdown table of measurements: name, rate, ratio to the peer, detail (or why it is unavailable). */
function table(headers, rows, name, rate, ratio, digits) {
  return [
    `| ${headers.join(' | ')} |`,
    `| --- | ---: | ---: | --- |`,
    ...rows.map((r) =>
      r.available
        ? `| ${r[name]} | ${Math.round(r[rate]).toLocaleString('en-US')} | ${r[ratio]?.toFixed(digits) ?? '–'} | ${r.detail} |`
        : `| ${r[name]} | – | – | unavailable: ${r.reason} |`,
    ),
  ];
}

/** Training throughput of the reference VAE on every backend, and in PyTorch. */
function measureTraining() {
  const results = [];
  // webgpu is asked for by name: on a machine without a GPU it runs on a software adapter (lavapipe), a sanity check only.
  for (const backend of ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu']) {
    process.stderr.write(`measuring ${backend}…\n`);
    results.push({ backend, ...runJson(process.execPath, ['--import', 'tsx', join(here, 'vae-throughput.ts'), backend, seconds]) });
  }
  if (pythonHas('torch')) {
    process.stderr.write('measuring pytorch…\n');
    results.push({ backend: 'pytorch', ...runJson('/usr/bin/python3', [join(here, 'torch_vae.py'), seconds]) });
  } else {
    results.push({ backend: 'pytorch', available: false, reason: 'python3-torch is not installed (apt-get install python3-torch libopenblas0-pthread)' });
  }
  const torch = results.find((r) => r.backend === 'pytorch' && r.available);
  for (const r of results) if (r.available && torch) r.ratioToPytorch = r.samplesPerSec / torch.samplesPerSec;
  const report = {
    benchmark: 'reference VAE 784-400-20, ReLU, Bernoulli decoder, Adam 1e-3, batch 128: training samples/s',
    machine,
    date: new Date().toISOString(),
    results,
  };
  const lines = table(['backend', 'samples/s', '× PyTorch', 'detail'], results, 'backend', 'samplesPerSec', 'ratioToPytorch', 3);
  return { report, text: `${report.benchmark}\n${report.machine}\n\n${lines.join('\n')}` };
}

// Import throughput: a folder of PNGs made once from Fashion-MNIST, loaded by Latent Lab and by Python/PIL.
const FASHION = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';
const IMPORT_COUNT = Number(process.env.BENCH_IMPORT_IMAGES ?? 3000);
// An import takes well under a second, so one run is at the mercy of what the machine did just before (right after
// the training runs it read ~40% slower); each loader runs this many times and its fastest counts, the same for both.
const IMPORT_ROUNDS = 3;

/** The fastest of n runs of a measurement (or the last failure). */
function bestOf(n, measure) {
  const runs = Array.from({ length: n }, measure);
  const ok = runs.filter((r) => r.available);
  if (ok.length === 0) return runs[runs.length - 1];
  return { ...ok.reduce((a, b) => (b.imagesPerSec > a.imagesPerSec ? b : a)), rounds: n };
}

async function measureImport() {
  const results = [];
  if (existsSync(FASHION)) {
    const folder = join(tmpdir(), `latent-lab-bench-pngs-${IMPORT_COUNT}`);
    if (!existsSync(join(folder, 'done'))) {
      process.stderr.write(`writing ${IMPORT_COUNT} PNGs from Fashion-MNIST to ${folder}…\n`);
      const sharp = (await import('sharp')).default;
      const pixels = gunzipSync(readFileSync(FASHION)).subarray(16);
      for (let i = 0; i < IMPORT_COUNT; i++) {
        const dir = join(folder, `class-${i % 10}`);
        mkdirSync(dir, { recursive: true });
        await sharp(pixels.subarray(i * 784, (i + 1) * 784), { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(join(dir, `${i}.png`));
      }
      writeFileSync(join(folder, 'done'), '');
    }
    process.stderr.write('measuring dataset import…\n');
    results.push(bestOf(IMPORT_ROUNDS, () => runJson(process.execPath, ['--import', 'tsx', join(here, 'import-throughput.ts'), folder, join(tmpdir(), 'latent-lab-bench-import')])));
    const pil = pythonHas('PIL, numpy');
    if (!pil) {
      results.push({ loader: 'python-pil', available: false, reason: 'python3-pil is not installed (apt-get install python3-pil)' });
    }
    if (pil) results.push(bestOf(IMPORT_ROUNDS, () => runJson('/usr/bin/python3', [join(here, 'pil_import.py'), folder, join(tmpdir(), 'latent-lab-bench-pil.npy')])));
    const pilResult = results.find((r) => r.loader === 'python-pil' && r.available);
    for (const r of results) if (r.available && pilResult) r.ratioToPil = r.imagesPerSec / pilResult.imagesPerSec;
  } else {
    results.push({ loader: 'latent-lab', available: false, reason: `${FASHION} missing (apt-get install dataset-fashion-mnist)` });
  }
  const report = { benchmark: `import of ${IMPORT_COUNT} 28×28 PNGs (Fashion-MNIST) to 28×28 grayscale: images/s`, results };
  const lines = table(['loader', 'images/s', '× PIL', 'detail'], results, 'loader', 'imagesPerSec', 'ratioToPil', 2);
  return { report, text: `${report.benchmark}\n\n${lines.join('\n')}` };
}

/** A measured value as the table shows it: thousands separated, ms and % with one decimal below 100, counts whole. */
function formatValue(check) {
  if (check.unit === 'yes/no') return check.value ? 'yes' : 'no';
  const digits = check.value < 100 && check.unit !== 'points/s' && !Number.isInteger(check.value) ? 1 : 0;
  return `${check.value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${check.unit}`;
}

/**
 * The experiment budgets (bench/experiments.ts). Parts not measured in this run keep their last results, so
 * `BENCH_EXPERIMENTS=table` leaves the sweep's numbers in latest.json alone.
 */
function measureExperiments(previous) {
  process.stderr.write('measuring experiments (1M-step run, 1,000-run table, 12-run sweep)…\n');
  const parts = (process.env.BENCH_EXPERIMENTS ?? '').split(',').filter(Boolean);
  const result = runJson(process.execPath, ['--import', 'tsx', join(here, 'experiments.ts'), ...parts], { showProgress: true });
  if (result.available === false) return { report: { ...previous, available: false, reason: result.reason }, text: `experiments: unavailable: ${result.reason}` };
  const report = mergeParts(previous, result, ['metrics', 'table', 'sweep']);
  const sweep =
    report.sweep?.available === false
      ? `\n\nsweep: unavailable: ${report.sweep.reason}`
      : report.sweep
        ? [
            `\n\nwhere the sweep's ${(report.sweep.wallMs / 1000).toFixed(1)} s went (trainer CPU profile, sampled every ${report.sweep.profileIntervalUs} µs):\n`,
            '| phase | ms | share |',
            '| --- | ---: | ---: |',
            ...report.sweep.breakdown.map((b) => `| ${b.phase} | ${Math.round(b.ms).toLocaleString('en-US')} | ${(100 * b.share).toFixed(1)} % |`),
          ].join('\n')
        : '';
  return { report, text: `${checksHeading(report)}\n\n${checksTable(report.checks).join('\n')}${sweep}` };
}

/** A budget section's checks as a markdown table: measured value, target, pass. */
function checksTable(checks) {
  return [
    '| measurement | measured | target | pass | detail |',
    '| --- | ---: | ---: | :---: | --- |',
    ...checks.map((c) => `| ${c.name} | ${formatValue(c)} | ${c.target === null ? '–' : `${c.target}${c.unit === 'yes/no' ? '' : ` ${c.unit}`}`} | ${c.pass === null ? '–' : c.pass ? 'pass' : 'FAIL'} | ${c.detail} |`),
  ];
}

const checksHeading = (report) =>
  `${report.benchmark}\n${report.machine}; load average before/after: ${report.load.before.map((l) => l.toFixed(1)).join(', ')} / ${report.load.after.map((l) => l.toFixed(1)).join(', ')}`;

/**
 * Merges a budget section's new result into its last one: checks of the parts measured now replace theirs, the
 * other parts keep their last checks and results.
 */
function mergeParts(previous, result, order) {
  const measured = new Set(result.parts);
  const { available: _available, reason: _reason, ...kept } = previous ?? {};
  const report = { ...kept, ...result, checks: [...(kept.checks ?? []).filter((c) => !measured.has(c.part)), ...result.checks] };
  report.checks.sort((a, b) => order.indexOf(a.part) - order.indexOf(b.part));
  return report;
}

/** Latents of 70,000 Fashion-MNIST images: Latent Lab's export job against the same encoding and .npy writing in PyTorch. */
function measureExport() {
  const results = [];
  if (!existsSync('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz')) {
    results.push({ engine: 'latent-lab', available: false, reason: 'Fashion-MNIST missing (apt-get install dataset-fashion-mnist)' });
  } else {
    process.stderr.write('measuring the latents export…\n');
    results.push(runJson(process.execPath, ['--import', 'tsx', join(here, 'export-latents.ts')]));
    if (pythonHas('torch, numpy')) {
      process.stderr.write('measuring the same encoding in pytorch…\n');
      results.push(runJson('/usr/bin/python3', [join(here, 'torch_encode.py')]));
    } else {
      results.push({ engine: 'pytorch', available: false, reason: 'python3-torch is not installed (apt-get install python3-torch libopenblas0-pthread)' });
    }
  }
  const torch = results.find((r) => r.engine === 'pytorch' && r.available);
  for (const r of results) if (r.available && torch) r.ratioToPytorch = r.imagesPerSec / torch.imagesPerSec;
  const report = { benchmark: 'latents (μ, σ as .npy) of 70,000 Fashion-MNIST images, encoder 784-400-20: images/s, from reading the data to the last file', results };
  const lines = table(['engine', 'images/s', '× PyTorch', 'detail'], results, 'engine', 'imagesPerSec', 'ratioToPytorch', 2);
  return { report, text: `${report.benchmark}\n\n${lines.join('\n')}` };
}

/**
 * The latent explorer's budgets (bench/latent-explorer.ts): a VAE trained through `latent-lab serve`, then scrub
 * frames, grids and the projector over its WebSocket. Parts not measured in this run keep their last results.
 */
function measureLatent(previous) {
  process.stderr.write('measuring the latent explorer (scrub, grids, projector, UMAP) through latent-lab serve…\n');
  const parts = (process.env.BENCH_LATENT ?? '').split(',').filter(Boolean);
  const result = runJson(process.execPath, ['--import', 'tsx', join(here, 'latent-explorer.ts'), ...parts], { showProgress: true });
  if (result.available === false) return { report: { ...previous, available: false, reason: result.reason }, text: `latent: unavailable: ${result.reason}` };
  const report = mergeParts(previous, result, ['scrub', 'grids', 'projector', 'umap']);
  return { report, text: `${checksHeading(report)}\n\n${checksTable(report.checks).join('\n')}` };
}

/**
 * VGAE link prediction on the Cora-sized SBM, 200 epochs with Kipf's settings: Latent Lab's trainer code on the wasm
 * backend (bench/graph-vae.ts), then the same model in PyTorch (bench/torch_vgae.py) on the graph and split that
 * graph-vae.ts wrote to a temp folder, so both train on the same data.
 */
function measureGraph() {
  const folder = mkdtempSync(join(tmpdir(), 'latent-lab-bench-graph-'));
  const loadBefore = loadavg();
  const results = [];
  try {
    process.stderr.write('measuring VGAE link prediction (200 epochs) in latent lab…\n');
    results.push({ engine: 'latent-lab', ...runJson(process.execPath, ['--import', 'tsx', join(here, 'graph-vae.ts'), folder]) });
    if (!pythonHas('torch, numpy')) {
      results.push({ engine: 'pytorch', available: false, reason: 'python3-torch is not installed (apt-get install python3-torch libopenblas0-pthread)' });
    } else if (!existsSync(join(folder, 'graph.json'))) {
      results.push({ engine: 'pytorch', available: false, reason: 'bench/graph-vae.ts did not write the graph for it' });
    } else {
      process.stderr.write('measuring the same VGAE in pytorch…\n');
      results.push({ engine: 'pytorch', ...runJson('/usr/bin/python3', [join(here, 'torch_vgae.py'), folder]) });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const torch = results.find((r) => r.engine === 'pytorch' && r.available);
  for (const r of results) if (r.available && torch) r.ratioToPytorch = r.epochsPerSec / torch.epochsPerSec;
  const report = {
    benchmark: 'VGAE link prediction (GCN 32-16, Adam 0.01, 200 epochs full batch, validation AUC/AP every epoch) on the Cora-sized SBM (2,708 nodes, 1,433 features): epochs/s',
    machine,
    date: new Date().toISOString(),
    // The machine is shared: its load average (1, 5, 15 min) before and after says how much these numbers are worth.
    load: { before: loadBefore, after: loadavg() },
    results,
  };
  const lines = [
    '| engine | epochs/s | × PyTorch | test AUC | test AP | detail |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...results.map((r) =>
      r.available
        ? `| ${r.engine} | ${r.epochsPerSec.toFixed(2)} | ${r.ratioToPytorch?.toFixed(2) ?? '–'} | ${r.test_auc.toFixed(3)} | ${r.test_ap.toFixed(3)} | ${r.detail} |`
        : `| ${r.engine} | – | – | – | – | unavailable: ${r.reason} |`,
    ),
  ];
  return { report, text: `${checksHeading(report)}\n\n${lines.join('\n')}` };
}

const latest = join(here, 'results', 'latest.json');
const saved = existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')) : {};
const report = { ...saved };
const texts = [];
if (only.includes('training')) {
  const training = measureTraining();
  Object.assign(report, training.report);
  texts.push(training.text);
}
if (only.includes('import')) {
  const imports = await measureImport();
  report.import = imports.report;
  texts.push(imports.text);
}
if (only.includes('experiments')) {
  const experiments = measureExperiments(saved.experiments);
  report.experiments = experiments.report;
  texts.push(experiments.text);
}
if (only.includes('export')) {
  const exports = measureExport();
  report.export = exports.report;
  texts.push(exports.text);
}
if (only.includes('latent')) {
  const latent = measureLatent(saved.latent);
  report.latent = latent.report;
  texts.push(latent.text);
}
if (only.includes('graph')) {
  const graph = measureGraph();
  report.graph = graph.report;
  texts.push(graph.text);
}
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(latest, `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report));
for (const text of texts) console.log(`\n${text}`);
