import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(__dirname, '..', '..', '..') });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

/** The architecture's layers, as the lint config enforces them: each line must be refused where it is placed. */
const FORBIDDEN: [string, string, string][] = [
  ['src-shared/x.ts', "import { readFileSync } from 'node:fs';", 'no-restricted-imports'],
  ['src-shared/x.ts', "import * as tf from '@tensorflow/tfjs';", 'no-restricted-imports'],
  ['src-shared/x.ts', "import { ref } from 'vue';", 'no-restricted-imports'],
  ['src-renderer/src/x.ts', "import { ipcRenderer } from 'electron';", 'no-restricted-imports'],
  ['src-renderer/src/x.ts', "import { createHost } from '../../src-main/host/host';", 'no-restricted-imports'],
  ['src-renderer/src/views/x.ts', "export const s = new WebSocket('ws://x');", 'no-restricted-globals'],
  ['src-main/trainer/x.ts', "import { app } from 'electron';", 'no-restricted-imports'],
  ['src-main/trainer/x.ts', "import { RunsRepo } from '../store/runs-repo';", 'no-restricted-imports'],
  ['src-main/host/x.ts', "import { BrowserWindow } from 'electron';", 'no-restricted-imports'],
  ['src-main/electron/app2.ts', "import { ipcMain } from 'electron';", 'no-restricted-syntax'],
];

describe('layer lint', () => {
  it.each(FORBIDDEN)('refuses in %s: %s', async (file, code, rule) => {
    expect(await ruleIds(file, `${code}\n`)).toContain(rule);
  });

  it('allows the sanctioned imports', async () => {
    expect(await ruleIds('src-renderer/src/x.ts', "import { requestSchemas } from '../../src-shared/contract/api';\nexport const r = requestSchemas;\n")).toEqual([]);
    expect(await ruleIds('src-main/electron/ipc-bridge.ts', "import type { IpcMain } from 'electron';\nexport type T = IpcMain;\n")).toEqual([]);
  });
});
