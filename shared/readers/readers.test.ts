import { mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateRows,
  gzip,
  SMALL_EXPORT,
  toJsonArray,
  toJsonl,
  toParquet,
} from '../../test/fixtures/medquad-fixtures';
import { readAll } from '../../test/helpers/read-all';
import { UnreadableFileError } from './errors';
import { sweepSpillFolders } from './registry';
import type { SourceRecord } from './types';

const values = (records: SourceRecord[]) => records.map((r) => ('value' in r ? r.value : r));

describe('record readers', () => {
  it.each([
    ['export.jsonl', toJsonl(SMALL_EXPORT), 'jsonl', 'none'],
    ['export.json', toJsonArray(SMALL_EXPORT), 'json-array', 'none'],
    ['export.parquet', toParquet(SMALL_EXPORT), 'parquet', 'none'],
    ['export.jsonl.gz', gzip(toJsonl(SMALL_EXPORT)), 'jsonl', 'gzip'],
    ['export.json.gz', gzip(toJsonArray(SMALL_EXPORT)), 'json-array', 'gzip'],
    ['export.parquet.gz', gzip(toParquet(SMALL_EXPORT)), 'parquet', 'gzip'],
    // Content decides, not the name: a JSON Lines file saved as .txt is still read.
    ['export.txt', toJsonl(SMALL_EXPORT), 'jsonl', 'none'],
  ])('reads %s as %s (%s)', async (name, content, format, compression) => {
    const result = await readAll(name, content);
    expect(result.format).toBe(format);
    expect(result.compression).toBe(compression);
    const rows = values(result.records) as Record<string, unknown>[];
    expect(rows).toHaveLength(SMALL_EXPORT.length);
    for (const [i, row] of rows.entries()) {
      expect(row.question ?? '').toBe(SMALL_EXPORT[i]!.question ?? '');
      expect(row.answer ?? null).toBe(SMALL_EXPORT[i]!.answer ?? null);
    }
    expect(result.records.map((r) => r.position)).toEqual(SMALL_EXPORT.map((_, i) => i + 1));
  });

  it('reads parquet one row group at a time, with row positions across groups', async () => {
    const rows = generateRows(250);
    const result = await readAll('groups.parquet', toParquet(rows, 100));
    expect(result.records).toHaveLength(250);
    expect(result.records[249]!.position).toBe(250);
    expect((values(result.records)[249] as Record<string, unknown>).question).toBe(rows[249]!.question);
  });

  it('reads JSON Lines whose first record is an array as JSON Lines, not as one JSON array', async () => {
    const { format, records } = await readAll('log.jsonl', '[1, 2, 3]\n{"question":"a","answer":"b"}\n');
    expect(format).toBe('jsonl');
    expect(records.map((r) => r.position)).toEqual([1, 2]);
    expect((await readAll('pretty.json', '[\n  {"question": "a"},\n  {"question": "b"}\n]\n')).format).toBe(
      'json-array',
    );
    expect((await readAll('one-line.json', '[{"question": "a"}, {"question": "b"}]\n')).format).toBe('json-array');
  });

  it('reports bad JSON lines with their line number and goes on', async () => {
    const text = '\uFEFF{"question":"a","answer":"b"}\r\n\r\n{broken\n42\n{"question":"c","answer":"d"}';
    const { records } = await readAll('mixed.jsonl', text);
    expect(records).toHaveLength(4);
    expect(records[0]).toEqual({ position: 1, value: { question: 'a', answer: 'b' } });
    expect(records[1]).toMatchObject({ position: 3, error: expect.stringMatching(/^invalid JSON/) });
    expect(records[2]).toEqual({ position: 4, value: 42 });
    expect(records[3]).toEqual({ position: 5, value: { question: 'c', answer: 'd' } });
  });

  it('refuses a file it cannot recognise, saying what it expected', async () => {
    await expect(readAll('notes.bin', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04]))).rejects.toThrow(
      /unknown format: expected Parquet, JSON Lines, a JSON array, CSV with a header row, MedQuAD XML or a zip of it.*starts with bytes 00 01 02 03 04/,
    );
    await expect(readAll('empty.jsonl', '')).rejects.toThrow(/the file is empty/);
  });

  it('refuses a truncated gzip file as corrupt', async () => {
    const whole = gzip(toJsonl(generateRows(2000)));
    const error = await readAll('cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2))).catch((err) => err);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error.message).toMatch(/cannot read data\/offline\/raw\/cut.jsonl.gz/);
  });

  it('refuses a JSON array cut short, rather than keeping its first half', async () => {
    const text = toJsonArray(SMALL_EXPORT).toString().slice(0, 400);
    await expect(readAll('cut.json', text)).rejects.toBeInstanceOf(UnreadableFileError);
  });

  it('refuses a parquet file without a question column', async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const other = Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'x', data: ['1'], type: 'STRING' }] }));
    await expect(readAll('other.parquet', other)).rejects.toThrow(/no "question" column/);
  });
});

describe('spill folders left by a killed read', () => {
  it('are removed once older than the threshold; a recent one stays', async () => {
    const old = await mkdtemp(join(tmpdir(), 'medqa-spill-'));
    const recent = await mkdtemp(join(tmpdir(), 'medqa-spill-'));
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(old, hourAgo, hourAgo);
    expect(await sweepSpillFolders(600_000)).toBeGreaterThanOrEqual(1);
    await expect(stat(old)).rejects.toThrow();
    expect((await stat(recent)).isDirectory()).toBe(true);
    await rm(recent, { recursive: true });
  });
});
