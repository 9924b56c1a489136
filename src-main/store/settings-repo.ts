import type { Settings } from '../../src-shared/contract/types';
import type { Db } from './database';

export const DEFAULT_SETTINGS: Settings = { maxConcurrentRuns: 1 };

/** App settings kept in the history, so a CLI command and the app agree on them. */
export class SettingsRepo {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    return { ...DEFAULT_SETTINGS, ...(stored as Partial<Settings>) };
  }

  set(settings: Partial<Settings>): Settings {
    const put = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => Object.entries(settings).forEach(([k, v]) => put.run(k, JSON.stringify(v))))();
    return this.get();
  }
}
