import { computed, markRaw, reactive, ref, shallowRef } from 'vue';
import type { DatasetInfo, ImageBatch, LatentSessionInfo, RunDetail } from '../../../src-shared/contract/types';
import { api } from '../api/client';
import { runColor } from '../charts/metric-chart-model';
import { sameImages } from '../compare/compare-model';

/** Per-step points fetched per run: about two per pixel of a chart panel; the host keeps min and max per bucket. */
const MAX_POINTS = 1500;
/** Validation images every run reconstructs, and how many prior samples each VAE decodes. */
export const RECON_COUNT = 8;
export const SAMPLE_COUNT = 8;
/** Anchor candidates shown in the picker (indices into the validation split). */
export const CANDIDATE_COUNT = 32;

export interface ComparedRun {
  id: number;
  color: string;
  detail: RunDetail | null;
  error: string | null;
}

/** One run's images: its decode session in the trainer and what was decoded with it. */
export interface RunImages {
  /** Why this run has no images at all (no weights, not an image dataset, session refused); null while fine. */
  unavailable: string | null;
  session: LatentSessionInfo | null;
  candidates: ImageBatch | null;
  reconstruction: { inputs: ImageBatch; outputs: ImageBatch } | null;
  reconstructionError: string | null;
  samples: ImageBatch | null;
  /** "no prior: not a VAE", or the error decoding the samples. */
  samplesNote: string | null;
  frame: ImageBatch | null;
  /** The t the frame shown was decoded at. */
  frameT: number | null;
  frameError: string | null;
  /** Interpolation requests: sent, drawn and dropped as stale (newest wins per run). */
  sent: number;
  drawn: number;
  dropped: number;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function emptyImages(): RunImages {
  return {
    unavailable: null,
    session: null,
    candidates: null,
    reconstruction: null,
    reconstructionError: null,
    samples: null,
    samplesNote: null,
    frame: null,
    frameT: null,
    frameError: null,
    sent: 0,
    drawn: 0,
    dropped: 0,
  };
}

/**
 * The data behind one compare view: the runs' details (series downsampled on the host), one latent session
 * per run for its reconstructions, prior samples and the synchronized scrub. Each view owns its sessions and
 * closes them when it goes away (`dispose`).
 */
export function useComparison(runIds: readonly number[]) {
  const runs = ref<ComparedRun[]>(runIds.map((id, i) => ({ id, color: runColor(i), detail: null, error: null })));
  const loaded = ref(false);
  const datasets = shallowRef<DatasetInfo[]>([]);
  const images = reactive(new Map<number, RunImages>(runIds.map((id) => [id, emptyImages()])));
  const anchors = reactive({ a: 0, b: 1 });
  const t = ref(0.5);
  const sampleSeed = ref(1);
  let disposed = false;
  /** Per run: the newest interpolation sent, and the newest drawn (an older answer never replaces a newer frame). */
  const seqs = new Map<number, { sent: number; shown: number }>(runIds.map((id) => [id, { sent: 0, shown: -1 }]));

  const details = computed(() => runs.value.flatMap((r) => (r.detail ? [r.detail] : [])));
  const imagesOf = (id: number) => images.get(id)!;

  async function loadRun(run: ComparedRun): Promise<void> {
    try {
      // Raw: thousands of points per series are read, never edited; proxies would only slow the charts down.
      run.detail = markRaw(await api.call('runs.get', { runId: run.id, maxPoints: MAX_POINTS }));
      run.error = null;
    } catch (e) {
      run.error = message(e);
    }
  }

  async function load(): Promise<void> {
    const listing = api.call('datasets.list', {}).then(
      (list) => (datasets.value = list),
      () => undefined,
    );
    await Promise.all([...runs.value.map(loadRun), listing]);
    loaded.value = true;
    await openSessions();
  }

  /** Why a run cannot show images, before asking the trainer; null when it can try. */
  function imagelessReason(run: ComparedRun): string | null {
    const d = run.detail;
    if (!d) return `run #${run.id} could not be loaded`;
    const dataset = datasets.value.find((ds) => ds.id === d.datasetId);
    if (dataset && dataset.kind !== 'image') return `trained on ${dataset.kind}s (${dataset.name}), not images: nothing to draw`;
    if (!d.hasWeights) {
      return ['queued', 'running', 'paused'].includes(d.status)
        ? 'no saved weights yet: a run saves them at the end of its first epoch'
        : 'no saved weights: this run stopped before its first checkpoint';
    }
    return null;
  }

  async function openSession(run: ComparedRun): Promise<void> {
    const img = imagesOf(run.id);
    img.unavailable = imagelessReason(run);
    if (img.unavailable) return;
    try {
      const session = await api.call('latent.open', { runId: run.id });
      if (disposed) {
        void api.call('latent.close', { sessionId: session.sessionId }).catch(() => undefined);
        return;
      }
      img.session = session;
      img.candidates = await api.call('latent.candidates', { sessionId: session.sessionId, count: CANDIDATE_COUNT });
    } catch (e) {
      img.session = null;
      img.unavailable = message(e);
      return;
    }
    await Promise.all([reconstruct(run), decodeSamples(run), interpolate(run.id)]);
  }

  /** Sessions open one after another: the trainer loads each run's weights and dataset in turn anyway. */
  async function openSessions(): Promise<void> {
    for (const run of runs.value) {
      if (disposed) return;
      await openSession(run);
    }
  }

  async function reconstruct(run: ComparedRun): Promise<void> {
    const img = imagesOf(run.id);
    if (!img.session) return;
    const count = Math.min(RECON_COUNT, img.session.candidates);
    try {
      img.reconstruction = await api.call('latent.reconstruct', {
        sessionId: img.session.sessionId,
        indices: Array.from({ length: count }, (_, i) => i),
      });
      img.reconstructionError = null;
    } catch (e) {
      img.reconstructionError = message(e);
    }
  }

  async function decodeSamples(run: ComparedRun): Promise<void> {
    const img = imagesOf(run.id);
    if (!img.session) return;
    if (run.detail?.config.model.family !== 'vae') {
      img.samples = null;
      img.samplesNote = 'no prior: not a VAE';
      return;
    }
    try {
      img.samples = await api.call('latent.samples', { sessionId: img.session.sessionId, seed: sampleSeed.value, count: SAMPLE_COUNT });
      img.samplesNote = null;
    } catch (e) {
      img.samplesNote = message(e);
    }
  }

  /** Sends the shared (a, b, t) to one run; its host session decodes only the newest position and drops the rest. */
  async function interpolate(runId: number): Promise<void> {
    const img = imagesOf(runId);
    const seq = seqs.get(runId)!;
    if (!img.session || disposed) return;
    const mySeq = ++seq.sent;
    img.sent++;
    try {
      const result = await api.call('latent.interpolate', { sessionId: img.session.sessionId, a: anchors.a, b: anchors.b, t: t.value, seq: mySeq });
      if (result.dropped || !result.frame) {
        img.dropped++;
        return;
      }
      if (result.seq > seq.shown) {
        seq.shown = result.seq;
        img.frame = result.frame;
        img.frameT = result.t;
        img.frameError = null;
        img.drawn++;
      }
    } catch (e) {
      if (mySeq === seq.sent) img.frameError = message(e);
    }
  }

  /** Every run decodes its own z(t) at once: called on each slider input while dragging. */
  function scrub(): void {
    for (const id of runIds) void interpolate(id);
  }

  function setAnchor(which: 'a' | 'b', index: number): void {
    anchors[which] = index;
    scrub();
  }

  async function resample(seed: number): Promise<void> {
    sampleSeed.value = seed;
    await Promise.all(runs.value.map(decodeSamples));
  }

  async function refreshRun(runId: number): Promise<void> {
    const run = runs.value.find((r) => r.id === runId);
    if (!run || disposed) return;
    const hadWeights = run.detail?.hasWeights ?? false;
    await loadRun(run);
    // A run that saved its first weights while compared can now show images.
    if (!hadWeights && run.detail?.hasWeights && !imagesOf(runId).session) await openSession(run);
  }

  /** The first run whose session is open: its validation images are the anchor picker's candidates. */
  const pickerRun = computed(() => runs.value.find((r) => imagesOf(r.id).candidates !== null) ?? null);
  /** False when some run's validation split differs from the picker's: the anchors then index each run's own split. */
  const sameValidationImages = computed(() => {
    const first = pickerRun.value ? imagesOf(pickerRun.value.id).candidates : null;
    return runs.value.every((r) => {
      const c = imagesOf(r.id).candidates;
      return c === null || sameImages(c, first);
    });
  });

  async function dispose(): Promise<void> {
    disposed = true;
    const open = [...images.values()].flatMap((img) => (img.session ? [img.session.sessionId] : []));
    for (const img of images.values()) img.session = null;
    await Promise.all(open.map((sessionId) => api.call('latent.close', { sessionId }).catch(() => undefined)));
  }

  return {
    runs,
    loaded,
    details,
    datasets,
    images,
    anchors,
    t,
    sampleSeed,
    pickerRun,
    sameValidationImages,
    load,
    scrub,
    setAnchor,
    resample,
    refreshRun,
    dispose,
    imagesOf,
  };
}
