import { stat } from 'node:fs/promises';
import { ApiError } from '../../../src-shared/contract/api-error';
import { idxImporter, idxPairIn } from './idx';
import { imageFolderImporter } from './image-folder';
import type { Importer } from './types';

/** The importer registry: a folder is an image folder; a file must be IDX. A new source is one file and one line. */
export async function importerFor(path: string): Promise<Importer> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ApiError('invalid_input', `no such file or folder: ${path}`, [{ path: 'path', message: `no such file or folder: ${path}` }]);
  // A folder holding MNIST-style train-… and t10k-… IDX files is that pair; any other folder holds images.
  if (info.isDirectory()) return idxPairIn(path) ? idxImporter : imageFolderImporter;
  if (/idx\d?-ubyte(\.gz)?$|\.idx(\.gz)?$/i.test(path)) return idxImporter;
  const message = `${path} is a file that is not IDX (…-idx3-ubyte[.gz]); to import images, give their folder`;
  throw new ApiError('invalid_input', message, [{ path: 'path', message }]);
}
