/**
 * Test hook for crash drills: the points of a checkpoint write where a kill must leave a resumable run.
 *
 *   weights    half of the new set's weights.llw is written
 *   optimizer  half of its optimizer.llw is written
 *   state      half of its state.json is written
 *   pointer    the new set and a temporary pointer are complete, the pointer is not yet renamed into place
 *   cleanup    the pointer is switched, the previous set not yet deleted
 *
 * `LATENT_LAB_TEST_CRASH_AT=POINT[:N]` makes the trainer SIGKILL itself the Nth time (default 1st) it reaches POINT.
 * Without that variable (and without a hook set by a unit test) crashPoint does nothing.
 */
export const CRASH_POINTS = ['weights', 'optimizer', 'state', 'pointer', 'cleanup'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

const reached = new Map<CrashPoint, number>();
let hook: ((point: CrashPoint, occurrence: number) => void) | null = null;

/** In-process drills: called at every point instead of the environment's kill (null restores the default). */
export function setCrashHook(next: ((point: CrashPoint, occurrence: number) => void) | null): void {
  hook = next;
  reached.clear();
}

export function crashPoint(point: CrashPoint): void {
  const occurrence = (reached.get(point) ?? 0) + 1;
  reached.set(point, occurrence);
  if (hook) {
    hook(point, occurrence);
    return;
  }
  const wanted = process.env.LATENT_LAB_TEST_CRASH_AT;
  if (!wanted) return;
  const [name, count = '1'] = wanted.split(':');
  if (name === point && Number(count) === occurrence) process.kill(process.pid, 'SIGKILL');
}
