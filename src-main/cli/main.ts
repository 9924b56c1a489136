import { Command } from 'commander';
import { appVersion } from './app-paths';
import { doctorCommand } from './commands/doctor';
import { runsListCommand, runsShowCommand } from './commands/runs';
import { serveCommand } from './commands/serve';
import { trainCommand } from './commands/train';
import { printError } from './print-error';

const program = new Command('latent-lab')
  .description('Latent Lab: train, compare and explore autoencoders without a window')
  .version(appVersion());

const dataDirHelp = 'data folder (default: $LATENT_LAB_HOME, else the platform app-data folder)';

program
  .command('serve')
  .description('serve the app to a browser on 127.0.0.1, with a random access token')
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

program
  .command('doctor')
  .description('check the installation and show which compute backend training uses, and why')
  .option('--data-dir <dir>', dataDirHelp)
  .option('--json', 'JSON output')
  .action(doctorCommand);

program.parseAsync(process.argv).catch((error: unknown) => printError(error));
