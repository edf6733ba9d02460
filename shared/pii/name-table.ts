import { buildNameTable } from './name-table-source';

/**
 * The name table (see name-table-source.ts). build.mjs replaces this module in the bundles: the
 * actions carry the table as a literal, the stage worker receives it from its parent thread.
 */
export const NAME_TABLE: string = buildNameTable();
