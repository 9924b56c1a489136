/**
 * The app's screens as URL fragments, so each is addressable: back and forward work, a reload keeps the place,
 * and a link such as `#/compare/3,5,7` can be shared. Pure (no DOM), so it is unit-tested in Node.
 */
export type Route =
  | { view: 'train' }
  | { view: 'runs' }
  | { view: 'run'; runId: number; tab: RunTab }
  | { view: 'compare'; runIds: number[] }
  | { view: 'sweeps' }
  | { view: 'sweep'; sweepId: number }
  | { view: 'datasets' }
  | { view: 'dataset'; datasetId: string }
  | { view: 'reproduce' }
  /** The architecture builder: a saved architecture (`#/builder/3`), or the draft being built (`#/builder`). */
  | { view: 'builder'; architectureId: number | null }
  | { view: 'not-found'; hash: string };

export type View = Route['view'];

/** The tabs of a run's page; `curves` is the default and is left out of its address. */
export const RUN_TABS = ['curves', 'posterior', 'latent', 'details'] as const;
export type RunTab = (typeof RUN_TABS)[number];
const isRunTab = (s: string): s is RunTab => (RUN_TABS as readonly string[]).includes(s);

/** How many runs the compare view takes at once. */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 10;

/** A dataset id from its URL segment (ids such as `builtin:sprites` or `imported:my-folder` are written encoded). */
function decodeSegment(segment: string): string | null {
  try {
    const id = decodeURIComponent(segment);
    return id.length > 0 && id.length <= 200 ? id : null;
  } catch {
    return null;
  }
}

const positiveInt = (s: string): number | null => (/^[1-9]\d{0,9}$/.test(s) ? Number(s) : null);

/** Reads a fragment such as `#/runs/7`; an empty fragment is the Train screen. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [head = '', arg, ...rest] = path.split('/');
  if (head === 'runs' && arg !== undefined && rest.length === 1 && isRunTab(rest[0])) {
    const runId = positiveInt(arg);
    if (runId !== null) return { view: 'run', runId, tab: rest[0] };
  }
  if (rest.length === 0) {
    if (head === '' || (head === 'train' && arg === undefined)) return { view: 'train' };
    if (head === 'datasets') {
      if (arg === undefined) return { view: 'datasets' };
      const datasetId = decodeSegment(arg);
      if (datasetId) return { view: 'dataset', datasetId };
    }
    if (head === 'reproduce' && arg === undefined) return { view: 'reproduce' };
    if (head === 'builder') {
      if (arg === undefined) return { view: 'builder', architectureId: null };
      const architectureId = positiveInt(arg);
      if (architectureId !== null) return { view: 'builder', architectureId };
    }
    if (head === 'runs') {
      if (arg === undefined) return { view: 'runs' };
      const runId = positiveInt(arg);
      if (runId !== null) return { view: 'run', runId, tab: 'curves' };
    }
    if (head === 'sweeps') {
      if (arg === undefined) return { view: 'sweeps' };
      const sweepId = positiveInt(arg);
      if (sweepId !== null) return { view: 'sweep', sweepId };
    }
    if (head === 'compare' && arg !== undefined) {
      const ids = arg.split(',').map(positiveInt);
      if (ids.every((id) => id !== null)) {
        const runIds = [...new Set(ids as number[])];
        if (runIds.length >= 1 && runIds.length <= COMPARE_MAX) return { view: 'compare', runIds };
      }
    }
  }
  return { view: 'not-found', hash: `#/${path}` };
}

/** The fragment of a route: `parseRoute(routeHash(r))` gives `r` back. */
export function routeHash(route: Route): string {
  switch (route.view) {
    case 'train':
    case 'runs':
    case 'sweeps':
    case 'datasets':
    case 'reproduce':
      return `#/${route.view}`;
    case 'run':
      return route.tab === 'curves' ? `#/runs/${route.runId}` : `#/runs/${route.runId}/${route.tab}`;
    case 'dataset':
      return `#/datasets/${encodeURIComponent(route.datasetId)}`;
    case 'compare':
      return `#/compare/${route.runIds.join(',')}`;
    case 'sweep':
      return `#/sweeps/${route.sweepId}`;
    case 'builder':
      return route.architectureId === null ? '#/builder' : `#/builder/${route.architectureId}`;
    case 'not-found':
      return route.hash;
  }
}

/** Which top-bar tab a screen belongs to. */
export function sectionOf(view: View): 'train' | 'builder' | 'runs' | 'datasets' | 'reproduce' | null {
  if (view === 'train' || view === 'builder' || view === 'datasets' || view === 'reproduce') return view;
  if (view === 'dataset') return 'datasets';
  if (view === 'not-found') return null;
  return 'runs';
}
