import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import {
  newExpectations,
  type ProductionLogExpectations,
  productionLogLines,
} from '../../test/fixtures/production-logs';
import { type ChildMeasurement, runInFreshProcess } from './child-run';

const NEWLINE = Buffer.from('\n');

/**
 * Writes the project's production log at seed 42 (1 % of each kind of noise) to `file`; what transform must report for
 * it.
 */
export async function writeProductionLog(
  file: string,
  { records, repeats }: { records: number; repeats: number },
): Promise<{ expected: ProductionLogExpectations; mb: number }> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const expected = newExpectations();
  const out = createWriteStream(file);
  for (const line of productionLogLines({ records, seed: 42, noise: 0.01, longLineBytes: 80_000, repeats }, expected)) {
    if (!out.write(Buffer.concat([line, NEWLINE]))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { expected, mb: (await fs.stat(file)).size / 1e6 };
}

/** The floor, in a fresh process: what any line-by-line JSON pass over `file` costs on this machine. */
export function barePass(file: string, scratch: string): Promise<ChildMeasurement<{ lines: number }>> {
  const splitLinesModule = path.resolve('shared/readers/lines.ts');
  return runInFreshProcess<{ lines: number }>(`
    require('tsx/cjs');
    const { splitLines } = require(${JSON.stringify(splitLinesModule)});
    const fs = require('node:fs');
    const { once } = require('node:events');
    const out = fs.createWriteStream(${JSON.stringify(scratch)});
    let lines = 0;
    for await (const line of splitLines(fs.createReadStream(${JSON.stringify(file)}), 1 << 20)) {
      lines += 1;
      let value;
      try { value = JSON.parse(line.bytes ? line.bytes.toString('utf8') : ''); } catch { value = null; }
      if (!out.write(JSON.stringify(value) + '\\n')) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    result = { lines };`);
}
