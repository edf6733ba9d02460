import * as z from 'zod';
import {
  includedMarkerKey,
  isStagedSummaryKey,
  PRODUCTION_STAGED_PREFIX,
  SPLIT_KEYS,
  SPLIT_METADATA_KEY,
  VERSION_TRACKER_KEY,
  versionKeys,
} from '../bucket/keys';
import { readObject, readRequiredObject } from '../bucket/read';
import { SplitMetadataSchema, splitIdentity } from '../bucket/split-metadata';
import { StagedSummarySchema } from '../bucket/staged';
import { type BatchDropReason, type Claim, ClaimSchema, type VersionMetadata } from '../bucket/version-metadata';
import { FINGERPRINTS_PER_PASS } from '../records/fingerprint-set';
import { evaluationQuestions } from '../retraining/evaluation-questions';
import { includedSummaryKeys } from '../retraining/included';
import { findRepeats, type RepeatSources } from '../retraining/repeats';
import { INVALID_LINE, stagedLineBatches } from '../retraining/staged-lines';
import { latestVersion } from '../retraining/training-job-reader';
import { type ActionContext, defineAction, flag, PipelineError, ProgressLog } from '../runtime';
import { holderGone, thisProcess } from '../runtime/claimant';
import { BytesWriter, compareKeys, listObjects, ObjectExistsError, type ObjectStore } from '../store';
import { countLength, denseLengthCounts, toLengthCounts } from '../summary/length-counts';
import { refreshSummaryAfterStage } from '../summary/refresh';

const RetrainBatchParams = z.object({
  /** A claim older than this with no committed version is taken as abandoned and redone. */
  claim_timeout_ms: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(15 * 60_000)
    .describe('a claim this old with no version committed is redone'),
  /** Build the batch even when no evaluation split exists yet (nothing can be guarded then). */
  allow_without_split: flag().default(false).describe('build even when no evaluation split exists yet'),
  /** An operator's word that the run holding the current claim is dead: its version is redone now. */
  take_over: flag().default(false).describe('redo now a version whose builder is known to be dead'),
  /**
   * Fingerprints held at once while finding repeats (18 to 36 bytes each): more records than
   * this, in the new files and all earlier versions together, are looked through in several passes.
   */
  fingerprints_per_pass: z.coerce
    .number()
    .int()
    .positive()
    .default(FINGERPRINTS_PER_PASS)
    .describe('fingerprints held at once (18 to 36 bytes each); more are looked through in passes'),
});

/**
 * retrain-batch: turns every staged file not yet in a version into the next version
 * v{N}/retraining_data.json + metadata.json, then bumps version_tracker.txt — last, so the
 * tracker never names a half-written version. A version is claimed with a create-only-if-absent
 * marker listing its staged files, so a staged file goes into one version only, even with two
 * runs at once; a run that died half-way is redone from its claim by the next run.
 */
export const retrainBatch = defineAction({
  name: 'retrain-batch',
  description: 'Build the next retraining version from staged records no version holds yet',
  params: RetrainBatchParams,
  async run(params, context) {
    const { store, log } = context;
    const committed = (await latestVersion(store)) ?? 0;
    const version = committed + 1;
    const keys = versionKeys(version);

    let claim = await readObject(store, keys.claim, ClaimSchema);
    if (claim) {
      const gone = holderGone(claim.holder);
      if (Date.parse(claim.expires_at) > Date.now() && !gone && !params.take_over) {
        return {
          status: 'busy',
          version: `v${version}`,
          reason:
            `v${version} is being built by activation ${claim.activation} (claim expires ${claim.expires_at}); ` +
            'if that run is known to be dead, pass -p take_over true',
        };
      }
      log.warn('redoing_abandoned_version', {
        version,
        claimed_at: claim.claimed_at,
        why: gone ? 'holder process gone' : params.take_over ? 'take_over' : 'claim expired',
      });
    } else {
      const inputs = await pendingStagedFiles(store);
      if (inputs.length === 0)
        return {
          status: 'nothing_new',
          latest_version: committed ? `v${committed}` : null,
          reason: 'no staged file is waiting: no new version',
        };
      const now = Date.now();
      const expires = Math.min(now + params.claim_timeout_ms, now + context.timeLeftMs());
      claim = {
        version,
        claimed_at: new Date(now).toISOString(),
        expires_at: new Date(expires).toISOString(),
        activation: context.invocation.id,
        holder: thisProcess(),
        inputs,
      };
      try {
        await store.put(keys.claim, JSON.stringify(claim, null, 2), {
          ifNoneMatch: '*',
          contentType: 'application/json',
        });
      } catch (err) {
        if (err instanceof ObjectExistsError)
          return { status: 'busy', version: `v${version}`, reason: `another run claimed v${version} first` };
        throw err;
      }
      log.info('claimed', { version, staged_files: inputs.length });
    }

    let metadata: VersionMetadata;
    try {
      metadata = await buildVersion(store, claim, params, context);
    } catch (err) {
      // Something the operator must fix first (a staged file changed, no split): the next run,
      // after the fix, starts afresh instead of waiting for this claim to expire.
      if (err instanceof PipelineError) await store.delete(keys.claim);
      throw err;
    }
    if (!metadata.record_count) {
      // Everything staged was dropped (evaluation questions, repeats): the files are taken, no version is made.
      await Promise.all([store.delete(keys.data), store.delete(keys.fingerprints), store.delete(keys.metadata)]);
      await store.delete(keys.claim);
      return {
        status: 'nothing_new',
        latest_version: committed ? `v${committed}` : null,
        reason: `all records of ${claim.inputs.length} staged file(s) were dropped: no new version`,
        dropped: metadata.dropped,
      };
    }
    log.info('version_committed', { version, record_count: metadata.record_count });
    await refreshSummaryAfterStage(store, log);
    return {
      status: 'created',
      version: metadata.version,
      record_count: metadata.record_count,
      staged_files: claim.inputs.length,
      dropped: metadata.dropped,
      keys_written: [keys.data, keys.metadata, VERSION_TRACKER_KEY],
    };
  },
});

/** Staged files (by their summary, which marks them complete) that no version has taken. */
async function pendingStagedFiles(store: ObjectStore): Promise<Claim['inputs']> {
  const included = await includedSummaryKeys(store);
  const pending: Claim['inputs'] = [];
  for await (const object of listObjects(store, PRODUCTION_STAGED_PREFIX)) {
    if (!isStagedSummaryKey(object.key) || included.has(object.key)) continue;
    const summary = await readRequiredObject(store, object.key, StagedSummarySchema);
    pending.push({
      summary_key: object.key,
      staged_key: summary.staged_key,
      source_key: summary.source_key,
      source_etag: summary.source_etag,
    });
  }
  return pending.sort((a, b) => compareKeys(a.summary_key, b.summary_key));
}

async function buildVersion(
  store: ObjectStore,
  claim: Claim,
  params: z.infer<typeof RetrainBatchParams>,
  { log }: ActionContext,
): Promise<VersionMetadata> {
  const started = performance.now();
  const keys = versionKeys(claim.version);
  const split = await readObject(store, SPLIT_METADATA_KEY, SplitMetadataSchema);
  const evaluation = await evaluationQuestions(store);
  if (!evaluation && !params.allow_without_split) {
    throw new PipelineError(
      'NO_SPLIT',
      `no evaluation split yet (${SPLIT_KEYS.evaluation}): run offline-etl first, or pass -p allow_without_split true`,
    );
  }
  const inputs: RepeatSources['inputs'] = [];
  for (const input of claim.inputs)
    inputs.push({ input, summary: await readObject(store, input.summary_key, StagedSummarySchema) });
  const repeats = await findRepeats(
    store,
    { inputs, earlier: await earlierFingerprintFiles(store, claim.version - 1), evaluation },
    params.fingerprints_per_pass,
  );
  const dropped: Record<string, number> = {};
  const redactions: Record<string, number> = {};
  const unsafeTypes: Record<string, number> = {};
  const questionTypes: Record<string, number> = {};
  const questionLengths = denseLengthCounts();
  const rulesVersions = new Set<number>();
  const stagedInputs: VersionMetadata['staged_inputs'] = [];
  const count = (reason: BatchDropReason | string, n = 1) => (dropped[reason] = (dropped[reason] ?? 0) + n);

  const writer = new BytesWriter(store, keys.data);
  // The version's fingerprints, 8 bytes a record, streamed out as its lines are: the next versions' repeats.
  const fingerprints = new BytesWriter(store, keys.fingerprints);
  let recordCount = 0;
  try {
    for (const [k, { input, summary }] of inputs.entries()) {
      if (summary) {
        for (const [reason, n] of Object.entries(summary.dropped)) count(reason, n ?? 0);
        for (const [type, n] of Object.entries(summary.redactions))
          redactions[type] = (redactions[type] ?? 0) + (n ?? 0);
        for (const [type, n] of Object.entries(summary.unsafe_question_types ?? {}))
          unsafeTypes[type] = (unsafeTypes[type] ?? 0) + (n ?? 0);
        rulesVersions.add(summary.rules_version);
      }
      let recordsIn = 0;
      const stagedKeyField = Buffer.from(`,"staged_key":${JSON.stringify(input.staged_key)}}\n`);
      const progress = new ProgressLog(log, { key: input.staged_key }, () => recordsIn);
      for await (const batch of stagedLineBatches(store, input, summary, progress.addBytes)) {
        for (const line of batch) {
          const number = recordsIn++;
          if (line === INVALID_LINE) {
            count('invalid_staged_record');
            continue;
          }
          if (evaluation?.has(line.questionDigest)) {
            count('evaluation_question');
            continue;
          }
          const repeat = repeats.of(k, number, line.digest);
          if (repeat) {
            count(repeat);
            continue;
          }
          questionTypes[line.questionType] = (questionTypes[line.questionType] ?? 0) + 1;
          countLength(questionLengths, line.questionLength);
          recordCount += 1;
          const pending = writeWithStagedKey(writer, line.bytes, input.staged_key, stagedKeyField);
          if (pending) await pending;
          const logged = fingerprints.write(line.digest.subarray(0, 8));
          if (logged) await logged;
        }
      }
      stagedInputs.push({ staged_key: input.staged_key, summary_key: input.summary_key, records_in: recordsIn });
    }
  } catch (err) {
    await Promise.all([writer.abort(err as Error), fingerprints.abort(err as Error)]);
    throw err;
  }
  await writer.close();
  await fingerprints.close();
  // Markers before the tracker: once the version is visible, its files are visibly taken too.
  for (const input of claim.inputs)
    await store.put(includedMarkerKey(input.summary_key), JSON.stringify({ version: claim.version }));
  const metadata: VersionMetadata = {
    version: `v${claim.version}`,
    timestamp: new Date().toISOString(),
    record_count: recordCount,
    archived_files: claim.inputs.map((input) => ({ raw_key: input.source_key, etag: input.source_etag })),
    staged_inputs: stagedInputs,
    dropped,
    redactions,
    question_type_counts: questionTypes,
    question_length_counts: toLengthCounts(questionLengths),
    rules_versions: [...rulesVersions].sort(),
    unsafe_question_types: unsafeTypes,
    ...(split && { split: splitIdentity(split) }),
    duration_ms: Math.round(performance.now() - started),
  };
  if (!metadata.record_count) return metadata;
  await store.put(keys.metadata, JSON.stringify(metadata, null, 2), { contentType: 'application/json' });
  await store.put(VERSION_TRACKER_KEY, String(claim.version), { contentType: 'text/plain' });
  log.info('written', { version: claim.version, records: recordCount });
  return metadata;
}

/** The fingerprint files of versions 1..upTo that exist (a version whose records were all dropped has none). */
async function earlierFingerprintFiles(store: ObjectStore, upTo: number): Promise<RepeatSources['earlier']> {
  const files: RepeatSources['earlier'] = [];
  for (let version = 1; version <= upTo; version += 1) {
    const key = versionKeys(version).fingerprints;
    const head = await store.head(key);
    if (head) files.push({ key, size: head.size });
  }
  return files;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const SPACE = 0x20;

/**
 * Writes the staged line with `staged_key` added before its closing brace: what
 * `JSON.stringify({ ...record, staged_key })` writes for a line transform wrote, without
 * serialising the record again. A line of another shape (a `staged_key` already there, an empty
 * object, spaces at its end) is serialised again. In JSON text `"staged_key"` with both quotes
 * can only be a key: in a string value its quotes are escaped.
 */
function writeWithStagedKey(
  writer: BytesWriter,
  line: Buffer,
  stagedKey: string,
  field: Buffer,
): Promise<void> | undefined {
  const last = line[line.length - 2];
  const spliceable =
    line[line.length - 1] === CLOSE_BRACE && last !== OPEN_BRACE && last !== SPACE && !line.includes('"staged_key"');
  if (!spliceable)
    return writer.write(
      Buffer.from(`${JSON.stringify({ ...JSON.parse(line.toString('utf8')), staged_key: stagedKey })}\n`),
    );
  const first = writer.write(line.subarray(0, -1));
  return first ? first.then(() => writer.write(field)) : writer.write(field);
}
