import { buildNameCueScan, type NameCueScan } from './name-cue-words';

/** The scan for the name rules' cue words (see name-cue-words.ts). build.mjs replaces this module in the bundles with its value. */
export const NAME_CUE_SCAN: NameCueScan = buildNameCueScan();
