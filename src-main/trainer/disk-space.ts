import { statfsSync } from 'node:fs';

/**
 * Free space on the filesystem holding `dir`, as a person reads it ("2.2", "512"), in MB (2^20 bytes), or
 * 'unknown'. No tfjs here: the host uses it too, for the same message.
 */
export function freeMegabytes(dir: string): string {
  try {
    const { bavail, bsize } = statfsSync(dir);
    const mb = (bavail * bsize) / 2 ** 20;
    return mb < 10 ? mb.toFixed(1) : String(Math.round(mb));
  } catch {
    return 'unknown';
  }
}

/** "the disk holding DIR is full (N MB free)": what a user needs to act on a full disk, from trainer and host alike. */
export function diskFullMessage(dir: string): string {
  return `the disk holding ${dir} is full (${freeMegabytes(dir)} MB free)`;
}
