import type { RunStatus } from '../contract/types';

/**
 * A run bundle (`.llrun`) carries one run between machines: its row, every metric point, its committed checkpoint
 * and, on request, its imported dataset. The file format is written and read in src-main/host/run-bundle.ts; these
 * are the answers the contract gives for exporting and importing one.
 */

/** The committed checkpoint a bundle carries: the run resumes from it and the latent explorer opens it. */
export interface BundledCheckpoint {
  step: number;
  /** The last epoch whose steps it includes. */
  epoch: number;
}

export interface RunBundleExport {
  /** Absolute path of the bundle written. */
  path: string;
  bytes: number;
  /** Files inside the bundle besides its manifest. */
  files: number;
  /** Null when the run had no checkpoint (or a damaged one): the bundle holds its metrics only. */
  checkpoint: BundledCheckpoint | null;
  dataset: { id: string; bundled: boolean };
  /** What a person should know about this export (no checkpoint, a dataset not bundled and why). */
  notes: string[];
}

/**
 * What happened to the run's dataset on import: a built-in generator; one already here with the same content;
 * imported from the bundle under its id; imported under a new id because a different dataset holds that id here
 * (the run was changed to use the copy); or not on this machine and not in the bundle.
 */
export type BundleDatasetOutcome = 'builtin' | 'present' | 'imported' | 'imported-copy' | 'missing';

export interface RunBundleImport {
  runId: number;
  /** The run's id on the machine that exported it. */
  sourceRunId: number;
  status: RunStatus;
  checkpoint: BundledCheckpoint | null;
  dataset: { id: string; name: string; outcome: BundleDatasetOutcome; message: string };
  notes: string[];
}
