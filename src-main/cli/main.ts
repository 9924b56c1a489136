import { Command } from 'commander';
import { appVersion } from './app-paths';
import { datasetsDeleteCommand, datasetsImportCommand, datasetsListCommand, datasetsShowCommand } from './commands/datasets';
import { doctorCommand } from './commands/doctor';
import { exportCommand } from './commands/export';
import { reproduceCommand } from './commands/reproduce';
import {
  runsCompareCommand,
  runsDeleteCommand,
  runsExportCommand,
  runsImportCommand,
  runsListCommand,
  runsResumeCommand,
  runsShowCommand,
} from './commands/runs';
import { sweepCommand } from './commands/sweep';
import { serveCommand } from './commands/serve';
import { trainCommand } from './commands/train';
import { printError } from './print-error';

const program = new Command('latent-lab')
  .description('Latent Lab: train, compare and explore autoencoders without a window')
  .version(appVersion());

const dataDirHelp = 'data folder (default: $LATENT_LAB_HOME, else the platform app-data folder)';

program
  .command('serve')
  .description('serve the app to a browser on 127.0.0.1, with a random access token ($LATENT_LAB_TOKEN fixes it: with a fixed --port, open pages then reconnect after a restart)')
  .option('--port <n>', 'port (0 picks a free one)', '0')
  .option('--data-dir <dir>', dataDirHelp)
  .action(serveCommand);

program
  .command('train')
  .description('train a run from a JSON run config and record it in the history')
  .requiredOption('--config <file>', 'run config (see examples/)')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'print one JSON object with the result instead of progress')
  .action(trainCommand);

program
  .command('export <run>')
  .description('export a trained run: its models (TF.js, ONNX), its latents (CSV, NumPy) or figures (PNG), into a new folder')
  .requiredOption('--format <format>', 'tfjs | onnx | latents-csv | latents-npy | png')
  .requiredOption('--out <folder>', 'the folder to create (refused if it exists, unless --force)')
  .option('--force', 'replace an existing folder')
  .option('--split <split>', 'latents: train | validation | both (default both)')
  .option('--figures <list>', 'png: any of reconstructions,samples,interpolation,traversal (default: all the model has)')
  .option('--scale <n>', 'png: pixels per image pixel (default 4)')
  .option('--count <n>', 'png: images in the reconstruction row, samples per side of the prior grid (default 8)')
  .option('--from <i>', 'png: validation image the interpolation starts at, and the traversals are centred on (default 0)')
  .option('--to <i>', 'png: validation image the interpolation ends at (default 1)')
  .option('--steps <n>', 'png: frames of the interpolation and of each traversal row (default 10)')
  .option('--seed <n>', 'png: seed of the prior samples (default 0)')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'print one JSON object with the result instead of progress')
  .action(exportCommand);

program
  .command('reproduce [name]')
  .description('reproduction recipes on Fashion-MNIST: list them, or train one and check its test metric against the band an independent PyTorch/NumPy run gives')
  .option('--fashion <dir>', 'the folder holding Fashion-MNIST’s train-… and t10k-… IDX files (default: Debian’s /usr/share/datasets/fashion-mnist)')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'JSON output: { recipe, runId, status, metric, value, band, reference, pass }')
  .action(reproduceCommand);

const runs = program.command('runs').description('the run history');
runs
  .command('list')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'JSON output')
  .action(runsListCommand);
runs
  .command('show <id>')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'JSON output')
  .action(runsShowCommand);
runs
  .command('resume <id>')
  .description('continue a stopped, interrupted or failed run from its last checkpoint')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'print one JSON object with the result instead of progress')
  .action(runsResumeCommand);

runs
  .command('compare <ids...>')
  .description('the config fields that differ between runs, and their final and best metrics')
  .option('--all', 'show every config field, not only those that differ')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'JSON output: { runs, diff (only the differing fields), metrics }')
  .action(runsCompareCommand);
runs
  .command('delete <ids...>')
  .description('delete runs with their checkpoints (a training run is stopped first, a queued one cancelled)')
  .option('--data-dir <dir>', dataDirHelp)
  .action(runsDeleteCommand);
runs
  .command('export <id>')
  .description('pack a run into one file (a run bundle) to carry it to another machine: metrics, checkpoint, and optionally its dataset')
  .requiredOption('--out <file>', 'the bundle to write, e.g. run.llrun')
  .option('--with-dataset', 'include the run’s imported dataset (built-in datasets are generated, never bundled)')
  .option('--force', 'replace the file if it exists')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'JSON output: { path, bytes, files, checkpoint, dataset, notes }')
  .action(runsExportCommand);
runs
  .command('import <file>')
  .description('add the run of a bundle to this history under a new id (its dataset too, when the bundle carries it)')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'JSON output: { runId, sourceRunId, status, checkpoint, dataset, notes }')
  .action(runsImportCommand);

program
  .command('sweep')
  .description('queue and train a sweep: a base config over swept fields (grid, or random with --random N)')
  .option('--config <file>', 'base run config (see examples/)')
  .option('--set <field=values>', 'a swept field: objective.beta=0.5,1,2,4 | lin:A:B:N | log:A:B:N (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
  .option('--file <file>', 'a sweep JSON file: { name?, base, method?, samples?, seed?, parameters }')
  .option('--random <n>', 'random search: draw n runs instead of the full grid')
  .option('--seed <n>', 'seed of the random draws')
  .option('--name <name>', 'the sweep’s name')
  .option('--yes', 'queue sweeps of more than 1,000 runs without asking')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'print one JSON object with every run’s values and final metrics')
  .action(sweepCommand);

const datasets = program.command('datasets').description('datasets: built-in generators and imported image folders, IDX files and graphs');
datasets
  .command('import <path>')
  .description(
    'import a folder of images (labels from subfolders; train/ and test/ or val/ subfolders keep a test split), an IDX images file, or a folder holding train-… and t10k-… IDX files (the t10k ones become the test split); or a graph: an edge list file (.edges, .edgelist, .el, .csv, .tsv, .txt; with --features and --labels), a LINQS folder (NAME.cites + NAME.content, e.g. Cora) or a TU Dortmund folder (DS_A.txt + DS_graph_indicator.txt); once, into the data dir',
  )
  .option('--name <name>', 'display name (default: the folder or file name)')
  .option('--size <n>', 'resize images to n×n pixels', '28')
  .option('--rgb', 'keep colour (3 channels) instead of grayscale')
  .option('--fit <policy>', 'fit (stretch), cover (crop) or pad (letterbox)', 'pad')
  .option('--validation-split <f>', 'fraction held out for validation', '0.1')
  .option('--seed <n>', 'seed of the train/validation split', '0')
  .option('--max-pixels <n>', 'refuse images with more pixels than this (decompression bombs)')
  .option('--labels <file>', 'IDX labels file, when not the images file’s sibling; for an edge list, a node,label file keyed by node id')
  .option('--features <file>', 'edge list only: node features keyed by node id, with a header (dense node,f1,f2,… with an optional label column, or sparse node,feature,value rows)')
  .option('--test <file>', 'IDX test images file (its labels beside it), kept as the test split')
  .option('--test-split <f>', 'fraction drawn once (seeded) as a fixed test split, for a source without one (default 0: none)')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'print the imported dataset as JSON')
  .action(datasetsImportCommand);
datasets.command('list').option('--data-dir <dir>', dataDirHelp).option('--json', 'JSON output').action(datasetsListCommand);
datasets.command('show <id>').option('--data-dir <dir>', dataDirHelp).option('--json', 'JSON output').action(datasetsShowCommand);
datasets
  .command('delete <id>')
  .option('--force', 'delete even if runs were trained on it')
  .option('--data-dir <dir>', dataDirHelp)
  .action(datasetsDeleteCommand);

program
  .command('doctor')
  .description('check the installation and show which compute backend training uses, and why')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'JSON output')
  .action(doctorCommand);

program.parseAsync(process.argv).catch((error: unknown) => printError(error));
