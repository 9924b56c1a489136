import { ApiError } from '../../src-shared/contract/api-error';
import { RUN_STATUSES, type RunStatus, type SweepDetail, type SweepSummary } from '../../src-shared/contract/types';
import { fieldMessages } from '../../src-shared/config/field-messages';
import { toFieldIssues } from '../../src-shared/config/issues';
import { sweepSpecSchema, SWEEP_CONFIRM_ABOVE } from '../../src-shared/sweeps/sweep-spec';
import { SweepError, sweepSize } from '../../src-shared/sweeps/expand-sweep';
import { validateSweep } from '../../src-shared/sweeps/validate-sweep';
import type { RunsRepo } from '../store/runs-repo';
import type { SweepRecord, SweepsRepo } from '../store/sweeps-repo';
import type { RunsService } from './runs-service';

/**
 * Sweeps: a base config expanded over swept fields (src-shared/sweeps) into ordinary runs, queued together and
 * tagged with the sweep. Every run is validated before anything is queued.
 */
export class SweepsService {
  constructor(
    private readonly sweeps: SweepsRepo,
    private readonly runsRepo: RunsRepo,
    private readonly runs: RunsService,
    private readonly owner: string,
  ) {}

  create(rawSpec: unknown, confirm: boolean): { sweepId: number; runIds: number[] } {
    const parsed = sweepSpecSchema.safeParse(rawSpec, { error: fieldMessages });
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      throw new ApiError('invalid_input', `invalid sweep: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
    const spec = parsed.data;
    if (Object.keys(spec.parameters).length === 0) {
      throw new ApiError('invalid_input', 'invalid sweep: parameters: name at least one field to sweep', [{ path: 'parameters', message: 'name at least one field to sweep' }]);
    }
    let size: number;
    try {
      size = sweepSize(spec);
    } catch (error) {
      if (!(error instanceof SweepError)) throw error;
      throw new ApiError('invalid_input', `invalid sweep: ${error.path}: ${error.message}`, [{ path: error.path, message: error.message }]);
    }
    if (size > SWEEP_CONFIRM_ABOVE && !confirm) {
      throw new ApiError('needs_confirmation', `this sweep makes ${size} runs (more than ${SWEEP_CONFIRM_ABOVE}): confirm to queue them all`);
    }
    const validated = validateSweep(spec);
    if (!validated.ok) {
      throw new ApiError('invalid_input', `invalid sweep: ${validated.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, validated.issues);
    }
    // Checks that need the dataset (it exists, the architecture fits it), per run, before anything is queued.
    validated.runs.forEach((run) => this.runs.validate(run.config, 'base.'));
    const name = spec.name ?? `Sweep over ${Object.keys(spec.parameters).join(' × ')}`;
    const { sweepId, runIds } = this.sweeps.transaction(() => {
      const id = this.sweeps.insert(name, spec);
      return { sweepId: id, runIds: validated.runs.map((run) => this.runsRepo.create(run.config, this.owner, id).id) };
    });
    this.runs.queued(runIds);
    return { sweepId, runIds };
  }

  list(): SweepSummary[] {
    const runs = this.runs.list();
    return this.sweeps.list().map((s) => this.summary(s, runs.filter((r) => r.sweepId === s.id).map((r) => r.status)));
  }

  get(sweepId: number): SweepDetail {
    const sweep = this.sweeps.get(sweepId);
    if (!sweep) throw new ApiError('not_found', `sweep ${sweepId} does not exist`);
    const runs = this.runs.list({ sweepId, sort: { key: 'id', direction: 'asc' } });
    return { ...this.summary(sweep, runs.map((r) => r.status)), spec: sweep.spec, runs };
  }

  private summary(sweep: SweepRecord, statuses: RunStatus[]): SweepSummary {
    const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    for (const s of statuses) counts[s]++;
    return { id: sweep.id, name: sweep.name, createdAt: sweep.createdAt, method: sweep.method, fields: sweep.fields, runCount: statuses.length, counts };
  }
}
