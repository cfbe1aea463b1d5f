import path from 'node:path';

/** The repository's root: this file is at packages/platform/{src,dist}/paths.{ts,js}. */
export const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** A path inside the repository. */
export const inRoot = (...parts: string[]) => path.join(root, ...parts);
