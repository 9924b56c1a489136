/**
 * An imported dataset on disk, one folder per dataset under `<data dir>/datasets/<id>/`:
 * samples as bytes N×C×H×W (train samples first, then validation), labels as little-endian int32 (−1: none),
 * and a manifest for humans and recovery. The host writes it once, atomically; the trainer only reads it.
 */
export const DATASETS_DIR = 'datasets';
export const IMAGES_FILE = 'images.u8';
export const LABELS_FILE = 'labels.i32';
export const MANIFEST_FILE = 'manifest.json';
/** Imports in progress write here first and are renamed into place when complete. */
export const IMPORTING_PREFIX = '.importing-';
