import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { RunDetail } from '../../src-shared/contract/types';

/** What every crash drill checks afterwards: the database is intact and no run is left active. */
export function expectHealthyHistory(dataDir: string): void {
  const db = new Database(join(dataDir, 'latent-lab.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare(`SELECT id, status FROM runs WHERE status IN ('running', 'paused')`).all()).toEqual([]);
  } finally {
    db.close();
  }
}

/** Temporary files and checkpoint folders besides the committed one, in a run's folder. */
export function checkpointLeftovers(runDir: string): string[] {
  const names = readdirSync(runDir);
  const folders = names.filter((n) => n.startsWith('ckpt-'));
  return [...names.filter((n) => n.includes('.tmp-')), ...(folders.length > 1 ? folders : [])];
}

/** A finished run's history has every step and every epoch exactly once, in order. */
export function expectEveryStepOnce(run: RunDetail, stepsPerEpoch: number, epochs: number): void {
  expect(run.steps.step).toEqual(Array.from({ length: stepsPerEpoch * epochs }, (_, i) => i + 1));
  expect(run.epochs.epoch).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
  for (const values of Object.values(run.steps.values)) expect(values.every((v) => Number.isFinite(v))).toBe(true);
}
