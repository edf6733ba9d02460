import { isMainThread, workerData } from 'node:worker_threads';
import { buildNameTable } from './name-table-source';

/**
 * The name table (see name-table-source.ts). build.mjs replaces this module in the bundles: the
 * actions carry the table as a literal, the stage worker receives it from its parent thread.
 * Unbundled, a stage worker takes the table its parent built instead of building it again.
 */
export const NAME_TABLE: string = (!isMainThread && workerData?.nameTable) || buildNameTable();
