import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { FolderStore } from './folder-store';
import { JsonlWriter } from './jsonl-writer';
import type { ObjectStore } from './types';

describe('JsonlWriter', () => {
  it('writes lines of any size and script byte for byte, with the count of records', async () => {
    const root = await tempDir();
    const writer = new JsonlWriter(new FolderStore(root), 'out/records.jsonl');
    const expected: string[] = [];
    const add = async (text: string, records: number) => {
      expected.push(text);
      await writer.writeLines(text, records);
    };
    for (let i = 0; i < 3000; i += 1) {
      await writer.write({ i, question: `q ${i} é 漢字 😀` });
      expected.push(`${JSON.stringify({ i, question: `q ${i} é 漢字 😀` })}\n`);
    }
    // Larger than a block, in three-byte characters, then one far larger.
    await add(`${'漢'.repeat(70_000)}\n`, 1);
    await add(`${'ab\n'.repeat(400_000)}`, 400_000);
    await add(`${JSON.stringify({ last: true })}\n`, 1);
    const { etag } = await writer.close();
    const written = await fs.readFile(path.join(root, 'out/records.jsonl'));
    expect(written.equals(Buffer.from(expected.join('')))).toBe(true);
    expect(writer.records).toBe(3000 + 1 + 400_000 + 1);
    expect(etag).toMatch(/^[0-9a-f]{32}$/);
  });

  it('hands the store blocks that hold no more memory than their lines', async () => {
    // A store that gathers blocks (S3 collects a multipart part's worth) keeps each one's memory alive.
    const blocks: Buffer[] = [];
    const gathering = {
      async put(key: string, body: AsyncIterable<Buffer>) {
        for await (const block of body) blocks.push(block);
        return { key, etag: 'e' };
      },
    } as unknown as ObjectStore;
    const writer = new JsonlWriter(gathering, 'out/records.jsonl');
    const line = JSON.stringify({ question: 'q'.repeat(120), answer: 'a'.repeat(400) });
    for (let i = 0; i < 5000; i += 1) await writer.writeLine(line);
    await writer.writeLines(`${'b'.repeat(600_000)}\n`, 1); // past a block: one grown for it
    await writer.close();
    const bytes = blocks.reduce((sum, block) => sum + block.length, 0);
    const held = blocks.reduce((sum, block) => sum + block.buffer.byteLength, 0);
    expect(bytes).toBe(5000 * (line.length + 1) + 600_001);
    expect(held).toBeLessThan(1.5 * bytes);
  });
});
