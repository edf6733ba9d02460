import { PRODUCTION_RULES_VERSION, productionPartKeys } from '../../bucket/keys';
import { type PartPlan, PartPlanSchema, type PartSummary, PartSummarySchema } from '../../bucket/part-plan';
import { readObject } from '../../bucket/read';
import { type StagedSummary, StagedSummarySchema } from '../../bucket/staged';
import { openRecordFile, UnreadableFileError } from '../../readers';
import { LOG_FORMATS } from '../../readers/log-formats';
import { type Activations, type Logger, PipelineError } from '../../runtime';
import { listObjects, ObjectExistsError, type ObjectInfo, type ObjectStore } from '../../store';
import { type StageKeys, type StageOptions, stageProductionFile } from '../stage-file';
import { cutAtLines } from './cut-at-lines';
import { joinParts } from './join-parts';

/** A part missing this long after the parts were started never finished (OpenWhisk stops an activation at 300 s). */
export const PART_RESTART_AFTER_MS = 6 * 60_000;

/** A file is planned into at most this many parts (64 GB at the default 64 MiB); larger ones get larger parts. */
export const MAX_PARTS = 1000;

/** The staged keys of a file together with its plan's, its parts' and its join claim's. */
export type FileKeys = StageKeys & { plan: string; partsPrefix: string; joinClaim: string };

/** How a file is staged: in the parts of a plan, or whole (with why, when it was large enough for parts). */
export type StagingChoice = { plan: PartPlan; planned: boolean } | { whole: string | null };

/**
 * Plans a file into parts when it is plain JSON Lines larger than `partBytes` and the platform
 * can start other runs; an earlier plan of the same content is used as it is. Anything else is
 * staged whole: `whole` says why when the file was large enough for parts.
 */
export async function chooseStaging(
  store: ObjectStore,
  raw: ObjectInfo,
  keys: FileKeys,
  partBytes: number,
  activations: Activations | undefined,
): Promise<StagingChoice> {
  const earlier = await readObject(store, keys.plan, PartPlanSchema);
  if (earlier) return { plan: earlier, planned: false };
  if (raw.size <= partBytes) return { whole: null };
  if (!activations) return { whole: 'this platform gives no way to start the parts' };
  // One part at a time is one pass plus a join: a file is faster whole where parts cannot run side by side.
  if (activations.parallelism < 2) return { whole: 'parts would run one at a time here' };
  const whyNot = await whyNotInParts(store, raw);
  if (whyNot) return { whole: whyNot };
  // A tiny part_bytes must not plan a part per line: the plan, the invokes and the join stay bounded.
  const size = Math.max(partBytes, Math.ceil(raw.size / MAX_PARTS));
  const ranges = await cutAtLines(store, raw.key, raw.size, size);
  if (ranges.length < 2) return { whole: 'no line ends where a part could' };
  const plan: PartPlan = {
    schema_version: 1,
    source_key: raw.key,
    source_etag: raw.etag,
    source_size: raw.size,
    rules_version: PRODUCTION_RULES_VERSION,
    part_bytes: size,
    parts: ranges,
    started_at: new Date().toISOString(),
  };
  await store.put(keys.plan, JSON.stringify(plan, null, 2), { contentType: 'application/json' });
  return { plan, planned: true };
}

/** Only uncompressed JSON Lines can be read from any line on: other formats are read from the start. */
async function whyNotInParts(store: ObjectStore, raw: ObjectInfo): Promise<string | undefined> {
  try {
    const opened = await openRecordFile(store, raw, LOG_FORMATS);
    if (opened.compression === 'gzip') return 'gzip has no random access';
    if (opened.reader.format !== 'jsonl') return `${opened.reader.format} has no random access by line`;
    return undefined;
  } catch (err) {
    if (err instanceof UnreadableFileError) return 'unreadable as a log file';
    throw err;
  }
}

export type PartsOutcome =
  | { kind: 'complete' }
  | { kind: 'started'; parts: number[]; ids: string[]; notStarted: { part: number; reason: string }[] }
  | { kind: 'in_progress'; missing: number[] };

/**
 * Starts the parts of `plan` that have no summary yet, each as a run of transform with
 * `forward` (the planning run's settings) and its index. A part another run may still be
 * working on (started less than PART_RESTART_AFTER_MS ago) is left to it when runs are
 * detached; awaited runs are finished when this returns, and a failed one fails the file.
 */
export async function startMissingParts(
  store: ObjectStore,
  raw: ObjectInfo,
  keys: FileKeys,
  choice: { plan: PartPlan; planned: boolean },
  activations: Activations | undefined,
  forward: Record<string, unknown>,
): Promise<PartsOutcome> {
  const { plan } = choice;
  const missing = (await partsDone(store, raw, keys, plan)).flatMap((done, index) => (done ? [] : [index]));
  if (missing.length === 0) return { kind: 'complete' };
  if (!activations) {
    throw new PipelineError('NO_ACTIVATIONS', `${raw.key} is staged in parts and this platform cannot start them`);
  }
  if (!choice.planned) {
    if (activations.mode === 'detached' && Date.now() - Date.parse(plan.started_at) < PART_RESTART_AFTER_MS)
      return { kind: 'in_progress', missing };
    await store.put(keys.plan, JSON.stringify({ ...plan, started_at: new Date().toISOString() }, null, 2), {
      contentType: 'application/json',
    });
  }
  const runs = await activations.start(
    'transform',
    missing.map((part) => ({ ...forward, key: raw.key, etag: raw.etag, part })),
  );
  if (activations.mode === 'awaited') {
    const failures = runs.flatMap((run, i) => {
      const error = run.result?.error as { code?: string; message?: string } | undefined;
      return error ? [`part ${missing[i]}: ${error.code}: ${error.message}`] : [];
    });
    if (failures.length > 0) {
      throw new PipelineError(
        'PART_FAILED',
        `${failures.length} of ${plan.parts.length} parts of ${raw.key} failed (the others are kept; a rerun stages only these): ${failures.join('; ')}`,
      );
    }
  }
  const notStarted = runs.flatMap((run, i) => (run.notStarted ? [{ part: missing[i]!, reason: run.notStarted }] : []));
  return {
    kind: 'started',
    parts: missing.filter((_, i) => !runs[i]!.notStarted),
    ids: runs.flatMap((run) => (run.notStarted ? [] : [run.id])),
    notStarted,
  };
}

/** Stages part `index` of the planned file, unless an earlier run did. */
export async function stagePart(
  store: ObjectStore,
  raw: ObjectInfo,
  plan: PartPlan,
  index: number,
  options: StageOptions,
): Promise<{ summary: PartSummary; status: 'part_staged' | 'part_already_staged' }> {
  const range = plan.parts[index];
  if (!range) {
    throw new PipelineError(
      'BAD_PARAMS',
      `part ${index} of ${raw.key}: its plan has parts 0 to ${plan.parts.length - 1}`,
    );
  }
  const keys = productionPartKeys(raw.key, raw.etag, index);
  const earlier = await readObject(store, keys.summary, PartSummarySchema);
  if (earlier) return { summary: earlier, status: 'part_already_staged' };
  const summary = await stageProductionFile(store, raw, keys, {
    ...options,
    part: { index, of: plan.parts.length, range },
  });
  return { summary: summary as PartSummary, status: 'part_staged' };
}

/**
 * Joins the parts once every one has its summary: the run that finds the set complete claims
 * the join (created only if absent), so parts that finish together join once; a claim older
 * than PART_RESTART_AFTER_MS was left by a run that died and is taken over. Undefined while
 * parts are missing or another run is joining.
 */
export async function joinIfComplete(
  store: ObjectStore,
  raw: ObjectInfo,
  keys: FileKeys,
  plan: PartPlan,
  log: Logger,
): Promise<StagedSummary | undefined> {
  const joined = () => readObject(store, keys.summary, StagedSummarySchema);
  const earlier = await joined();
  if (earlier) return earlier;
  if ((await partsDone(store, raw, keys, plan)).some((done) => !done)) return undefined;
  if (!(await claimJoin(store, keys.joinClaim))) {
    log.info('join_elsewhere', { claim: keys.joinClaim });
    return undefined;
  }
  try {
    return await joinParts(store, raw, keys, plan, log);
  } catch (err) {
    // Where create-if-absent is not atomic two runs may both join: the first one's output stands.
    const other = await joined();
    if (other) return other;
    await store.delete(keys.joinClaim);
    throw err;
  }
}

async function claimJoin(store: ObjectStore, key: string): Promise<boolean> {
  const claim = JSON.stringify({ at: new Date().toISOString() });
  try {
    await store.put(key, claim, { ifNoneMatch: '*', contentType: 'application/json' });
    return true;
  } catch (err) {
    if (!(err instanceof ObjectExistsError)) throw err;
  }
  const held = await store.head(key);
  if (held && Date.now() - held.lastModified.getTime() < PART_RESTART_AFTER_MS) return false;
  await store.delete(key);
  return claimJoin(store, key);
}

/**
 * Which parts have their summary: one listing of the parts' outputs, not a HEAD per part (each
 * part asks when it is done, so a HEAD each would be parts² requests for the file).
 */
async function partsDone(store: ObjectStore, raw: ObjectInfo, keys: FileKeys, plan: PartPlan): Promise<boolean[]> {
  const listed = new Set<string>();
  for await (const object of listObjects(store, keys.partsPrefix)) listed.add(object.key);
  return plan.parts.map((_, index) => listed.has(productionPartKeys(raw.key, raw.etag, index).summary));
}
