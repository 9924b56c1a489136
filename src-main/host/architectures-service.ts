import { ApiError } from '../../src-shared/contract/api-error';
import { quoteInput } from '../../src-shared/contract/quote-input';
import type { FieldIssue } from '../../src-shared/config/issues';
import { layerNameIssues } from '../../src-shared/model-spec/layer-names';
import type { ArchitectureSpec, SavedArchitecture } from '../../src-shared/model-spec/saved-architecture';
import type { ArchitecturesRepo } from '../store/architectures-repo';

/**
 * The builder's library of saved architectures. Inputs arrive parsed by their contract schemas (layers well-formed,
 * names trimmed); this adds what needs the history (names unique, ids that exist) and the layer name rule runs
 * share. Shapes are not checked here: they depend on the dataset and latent size a run picks. Runs copy the layers
 * into their own config, so renaming or deleting an architecture never changes a run.
 */
export class ArchitecturesService {
  constructor(private readonly repo: ArchitecturesRepo) {}

  list(): SavedArchitecture[] {
    return this.repo.list();
  }

  /** Saves a new architecture, or, with `id`, replaces that one's name and layers. */
  save(id: number | undefined, name: string, spec: ArchitectureSpec): SavedArchitecture {
    const issues: FieldIssue[] = layerNameIssues(spec, 'spec.').map((i) => ({ path: `spec.${i.path.join('.')}`, message: i.message }));
    if (issues.length > 0) {
      throw new ApiError('invalid_input', `invalid architecture: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
    return this.repo.transaction(() => {
      if (id === undefined) {
        this.checkNameFree(name, undefined);
        return this.repo.insert(name, spec);
      }
      this.checkExists(id, 'save it without an id to keep it as a new one');
      this.checkNameFree(name, id);
      return this.repo.update(id, name, spec)!;
    });
  }

  rename(id: number, name: string): SavedArchitecture {
    return this.repo.transaction(() => {
      this.checkExists(id, 'refresh the list');
      this.checkNameFree(name, id);
      return this.repo.rename(id, name)!;
    });
  }

  delete(id: number): { ok: true } {
    if (!this.repo.delete(id)) this.notFound(id, 'refresh the list');
    return { ok: true };
  }

  /** Refuses a name another architecture holds (case aside: the unique index ignores it too); its own name is free. */
  private checkNameFree(name: string, id: number | undefined): void {
    const holder = this.repo.byName(name);
    if (!holder || holder.id === id) return;
    const caseOnly = holder.name === name ? '' : '; names are compared ignoring case';
    const message = `an architecture named ${quoteInput(holder.name)} already exists (#${holder.id}${caseOnly}): choose another name`;
    throw new ApiError('conflict', message, [{ path: 'name', message }]);
  }

  private checkExists(id: number, what: string): void {
    if (!this.repo.get(id)) this.notFound(id, what);
  }

  private notFound(id: number, what: string): never {
    const message = `architecture #${id} does not exist (it may have been deleted): ${what}`;
    throw new ApiError('not_found', message, [{ path: 'id', message }]);
  }
}
