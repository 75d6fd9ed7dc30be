/** The package root, src/ and dist/. */
export const ROOT: string;
export const SRC: string;
export const DIST: string;
export const BUILD_INFO: string;
/** Count, summed sizes and summed modification times of every file under src/. */
export function sourceFingerprint(): string;
/** True when dist/ exists and was built from the sources as they are now. */
export function distIsFresh(): boolean;
