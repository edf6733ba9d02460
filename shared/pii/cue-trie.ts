import { buildCueTrie, type CueTrie } from './cue-trie-source';

/** The cue trie (see cue-trie-source.ts). build.mjs replaces this module in the bundles with the trie's value. */
export const CUE_TRIE: CueTrie = buildCueTrie();
