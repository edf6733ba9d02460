import * as z from 'zod';
import { SIMULATED_RAW_PREFIX, SPLIT_KEYS, SPLIT_NAMES } from '../bucket/keys';
import { readJsonLines } from '../readers';
import { defineAction, PipelineError, positiveInt, text } from '../runtime';
import type { ObjectStore } from '../store';

const SimulateParams = z.object({
  count: z.coerce.number().int().positive().max(100_000).default(200).describe('questions to send'),
  /** Requests per second. */
  rate: z.coerce.number().positive().max(1000).default(20).describe('questions per second'),
  /** The inference endpoint; locally `medqa start` serves a baseline answerer at /api/answer. */
  endpoint: text().default('http://localhost:8080/api/answer').describe('the answer endpoint (POST, JSON)'),
  split: z.enum(SPLIT_NAMES).default('validation').describe('the split the questions are taken from'),
  /** Request body field that carries the question, and response field that carries the answer. */
  request_field: text().default('question').describe("the request body's field for the question"),
  response_field: text().default('answer').describe("the response body's field holding the answer"),
  timeout_ms: positiveInt(10_000).describe("one request's time limit"),
  /** Records per log file written under the raw prefix. */
  file_records: positiveInt(100).describe('exchanges per log file written to the raw prefix'),
  seed: z.coerce.number().int().default(1).describe('which questions are drawn'),
});

/**
 * simulate: replays questions of an offline split against an inference endpoint at a set rate
 * and writes the exchanges as production log records under the raw prefix, in files of a set
 * size, so they flow through transform by themselves. Timeouts and HTTP errors are counted,
 * with latencies, never fatal.
 */
export const simulate = defineAction({
  name: 'simulate',
  description: 'Replay split questions against an answer endpoint and log the exchanges as production traffic',
  params: SimulateParams,
  async run(params, { store, log, invocation }) {
    const questions = await sampleQuestions(store, SPLIT_KEYS[params.split], params.count, params.seed);
    if (questions.length === 0)
      throw new PipelineError('NO_SPLIT', `no questions in the ${params.split} split: run offline-etl first`);
    const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${invocation.id.slice(0, 8)}`;
    const latencies: number[] = [];
    const failures = { timeouts: 0, network_errors: 0, http_errors: {} as Record<string, number>, bad_responses: 0 };
    const exchanges: (Record<string, unknown> | undefined)[] = new Array(questions.length);
    const started = Date.now();

    await Promise.all(
      questions.map(async (question, i) => {
        await sleepUntil(started + (i * 1000) / params.rate);
        const sent = performance.now();
        try {
          const response = await fetch(params.endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ [params.request_field]: question }),
            signal: AbortSignal.timeout(params.timeout_ms),
          });
          const latency = performance.now() - sent;
          latencies.push(latency);
          if (!response.ok) {
            failures.http_errors[response.status] = (failures.http_errors[response.status] ?? 0) + 1;
            return;
          }
          const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
          const answer = body?.[params.response_field];
          if (typeof answer !== 'string') {
            failures.bad_responses += 1;
            return;
          }
          exchanges[i] = {
            ts: new Date().toISOString(),
            question,
            answer,
            latency_ms: Math.round(latency * 10) / 10,
            slice: 'simulated',
            simulation: runId,
          };
        } catch (err) {
          if ((err as Error).name === 'TimeoutError') failures.timeouts += 1;
          else failures.network_errors += 1;
        }
      }),
    );

    const keys = await writeLogFiles(
      store,
      runId,
      exchanges.filter((e): e is Record<string, unknown> => Boolean(e)),
      params.file_records,
    );
    const ok = exchanges.filter(Boolean).length;
    log.info('simulated', { requests: questions.length, ok, files: keys.length });
    if (questions.length > 0 && ok === 0) {
      const why = [
        failures.timeouts ? `${failures.timeouts} timed out` : '',
        failures.network_errors ? `${failures.network_errors} could not connect` : '',
        ...Object.entries(failures.http_errors).map(([status, n]) => `${n} answered HTTP ${status}`),
        failures.bad_responses ? `${failures.bad_responses} gave no answer` : '',
      ].filter(Boolean);
      throw new PipelineError(
        'NOTHING_ANSWERED',
        `none of the ${questions.length} requests to ${params.endpoint} was answered (${why.join(', ')})`,
      );
    }
    return {
      status: 'done',
      requests: questions.length,
      answered: ok,
      ...failures,
      latency_ms: percentiles(latencies),
      keys_written: keys,
    };
  },
});

/** Up to `count` questions of a split, a seeded even sample whatever the split's size (reservoir sampling). */
async function sampleQuestions(store: ObjectStore, key: string, count: number, seed: number): Promise<string[]> {
  if (!(await store.head(key))) return [];
  let state = seed >>> 0 || 1;
  const random = () => ((state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
  const sample: string[] = [];
  let seen = 0;
  for await (const { question } of readJsonLines<{ question?: unknown }>(store, key)) {
    if (typeof question !== 'string') continue;
    seen += 1;
    if (sample.length < count) sample.push(question);
    else {
      const slot = Math.floor(random() * seen);
      if (slot < count) sample[slot] = question;
    }
  }
  return sample;
}

async function writeLogFiles(
  store: ObjectStore,
  runId: string,
  records: Record<string, unknown>[],
  perFile: number,
): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < records.length; i += perFile) {
    const key = `${SIMULATED_RAW_PREFIX}${runId}-${String(keys.length + 1).padStart(4, '0')}.jsonl`;
    await store.put(
      key,
      `${records
        .slice(i, i + perFile)
        .map((r) => JSON.stringify(r))
        .join('\n')}\n`,
      { contentType: 'application/x-ndjson' },
    );
    keys.push(key);
  }
  return keys;
}

function percentiles(values: number[]) {
  if (values.length === 0) return { p50: null, p95: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { p50: at(0.5), p95: at(0.95), max: Math.round(sorted.at(-1)!) };
}

function sleepUntil(time: number): Promise<void> {
  const wait = time - Date.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}
