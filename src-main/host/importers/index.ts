import { readdir, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { ApiError } from '../../../src-shared/contract/api-error';
import { isLinqsFolder } from '../../../src-shared/graphs/parse-linqs';
import { isTuDortmundFolder } from '../../../src-shared/graphs/parse-tu-dortmund';
import { EDGE_LIST_EXTENSIONS, edgeListImporter } from './edge-list';
import { idxImporter, idxPairIn } from './idx';
import { imageFolderImporter } from './image-folder';
import { linqsImporter } from './linqs';
import { tuDortmundImporter } from './tu-dortmund';
import type { Importer } from './types';

/**
 * The importer registry. A folder is a LINQS pair (NAME.content + NAME.cites), a TU Dortmund set (DS_A.txt +
 * DS_graph_indicator.txt), an IDX pair (train-… and t10k-… files), or else a folder of images; a file is IDX by its
 * name or an edge list by its extension. A new source is one file and one line.
 */
export async function importerFor(path: string): Promise<Importer> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ApiError('invalid_input', `no such file or folder: ${path}`, [{ path: 'path', message: `no such file or folder: ${path}` }]);
  if (info.isDirectory()) {
    const names = await readdir(path).catch(() => []);
    if (isLinqsFolder(names) !== null) return linqsImporter;
    if (isTuDortmundFolder(names) !== null) return tuDortmundImporter;
    return idxPairIn(path) ? idxImporter : imageFolderImporter;
  }
  if (/idx\d?-ubyte(\.gz)?$|\.idx(\.gz)?$/i.test(path)) return idxImporter;
  if (EDGE_LIST_EXTENSIONS.has(extname(path).toLowerCase())) return edgeListImporter;
  const message =
    `${path} is a file that is not IDX (…-idx3-ubyte[.gz]) or an edge list (${[...EDGE_LIST_EXTENSIONS].join(', ')}); ` +
    'to import images, a LINQS pair or a TU Dortmund set, give their folder';
  throw new ApiError('invalid_input', message, [{ path: 'path', message }]);
}
