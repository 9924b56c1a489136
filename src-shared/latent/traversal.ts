import type { CodeFrame } from './code-frame';

/** A latent dimension whose KL to the prior is under this many nats is marked inactive (it carries next to no information). */
export const INACTIVE_KL_NATS = 0.01;
/** Active units (Burda et al. 2016): a dimension is active when Cov_x(E[z_j | x]) exceeds this. */
export const ACTIVE_UNIT_THRESHOLD = 0.01;

/** One row of a traversal grid: which latent dimension it sweeps, and why it sits where it does. */
export interface TraversalRow {
  /** The latent dimension swept (0-based; z₁ is 0). */
  dim: number;
  /** KL(q(z_j|x) ‖ p(z_j)) of the run's last epoch, in nats; null for families without a KL term. */
  kl: number | null;
  /** Cov_x(E[z_j | x]) over the validation images: the active-unit statistic. */
  activity: number;
  /** False when the KL is under INACTIVE_KL_NATS or the activity is at most ACTIVE_UNIT_THRESHOLD. */
  active: boolean;
}

/**
 * The rows of a traversal, most informative first: by the dimension's KL (largest first) when the run has one per
 * dimension, else by its activity; ties keep dimension order.
 */
export function traversalRows(kl: readonly number[] | null, activity: readonly number[]): TraversalRow[] {
  if (kl && kl.length !== activity.length) throw new RangeError(`traversalRows: ${kl.length} KL values for ${activity.length} dimensions`);
  const rows = activity.map(
    (a, dim): TraversalRow => ({
      dim,
      kl: kl ? kl[dim] : null,
      activity: a,
      active: a > ACTIVE_UNIT_THRESHOLD && (kl === null || !(kl[dim] < INACTIVE_KL_NATS)),
    }),
  );
  const key = (row: TraversalRow) => (row.kl === null || Number.isNaN(row.kl) ? row.activity : row.kl);
  return rows.sort((p, q) => key(q) - key(p) || p.dim - q.dim);
}

/** `steps` evenly spaced offsets from −range to +range (both ends included). */
export function traversalValues(range: number, steps: number): number[] {
  if (!(range > 0) || !Number.isInteger(steps) || steps < 2) throw new RangeError(`traversalValues: needs range > 0 and at least 2 steps, got ${range} and ${steps}`);
  return Array.from({ length: steps }, (_, s) => -range + (2 * range * s) / (steps - 1));
}

/**
 * The codes of a traversal grid, row-major (row r, step s at r·steps + s), each `anchor.length` long: the anchor's
 * code with dimension dims[r] set to centre + values[s]·scale of that dimension in `frame`.
 */
export function traversalCodes(anchor: ArrayLike<number>, dims: readonly number[], values: readonly number[], frame: CodeFrame): Float32Array {
  const k = anchor.length;
  const codes = new Float32Array(dims.length * values.length * k);
  dims.forEach((dim, r) => {
    values.forEach((v, s) => {
      const at = (r * values.length + s) * k;
      for (let j = 0; j < k; j++) codes[at + j] = anchor[j];
      codes[at + dim] = frame.centre[dim] + v * frame.scale[dim];
    });
  });
  return codes;
}
