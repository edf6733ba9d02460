import { SPLIT_KEYS, versionKeys } from '../bucket/keys';
import { readObject } from '../bucket/read';
import { type SplitIdentity, sameSplit, type VersionOnOtherSplit } from '../bucket/split-metadata';
import { VersionMetadataSchema } from '../bucket/version-metadata';
import { readJsonLines } from '../readers';
import { FingerprintSet } from '../records/fingerprint-set';
import { fingerprintDigest, questionKey } from '../records/normalize';
import type { ObjectStore } from '../store';
import { latestVersion } from './training-job-reader';

/** Fingerprints of the evaluation split's questions: production traffic never trains on them. */
export async function evaluationQuestions(store: ObjectStore): Promise<FingerprintSet | undefined> {
  if (!(await store.head(SPLIT_KEYS.evaluation))) return undefined;
  const set = new FingerprintSet();
  for await (const { question } of readJsonLines<{ question?: unknown }>(store, SPLIT_KEYS.evaluation)) {
    if (typeof question === 'string') set.add(fingerprintDigest(questionKey(question)));
  }
  return set;
}

/**
 * The versions built against a split other than `current`, each with the number of its records
 * whose question the current evaluation split holds: what a resplit or a new export leaked into
 * training data already handed out. Streams each such version's data file once.
 */
export async function versionsOnOtherSplit(store: ObjectStore, current: SplitIdentity): Promise<VersionOnOtherSplit[]> {
  const latest = (await latestVersion(store)) ?? 0;
  if (latest === 0) return [];
  const evaluation = await evaluationQuestions(store);
  const found: VersionOnOtherSplit[] = [];
  for (let n = 1; n <= latest; n += 1) {
    const keys = versionKeys(n);
    const metadata = await readObject(store, keys.metadata, VersionMetadataSchema);
    if (!metadata || (metadata.split && sameSplit(metadata.split, current))) continue;
    let overlap = 0;
    if (evaluation && (await store.head(keys.data))) {
      for await (const { question } of readJsonLines<{ question?: unknown }>(store, keys.data)) {
        if (typeof question === 'string' && evaluation.has(fingerprintDigest(questionKey(question)))) overlap += 1;
      }
    }
    found.push({ version: metadata.version, built_against: metadata.split ?? null, evaluation_questions: overlap });
  }
  return found;
}
