import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Integration and e2e tests drive the built app (out/): fail early, with the fix, when it is missing. */
export default function setup(): void {
  for (const file of ['out/main/trainer.js', 'out/main/cli.js', 'out/renderer/index.html']) {
    if (!existsSync(join(__dirname, '..', file))) {
      throw new Error(`${file} is missing: run \`npm run build\` before the tests (npm test does it for you)`);
    }
  }
}
