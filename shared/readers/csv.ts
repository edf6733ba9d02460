import { parse } from 'csv-parse';
import { MAX_LINE_BYTES } from './jsonl';
import type { RecordReader, SourceRecord } from './types';

const DELIMITERS = [',', ';', '\t'] as const;

/** The header line of the head, without a BOM. */
function headerLine(head: Uint8Array): string {
  const text = Buffer.from(head)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/** The delimiter that splits the header into the most fields (pandas writes ",", spreadsheets often ";"). */
export function detectDelimiter(header: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = header.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/**
 * CSV with a header row naming the lavita/MedQuAD columns (`question` and `answer` at
 * least; other columns, such as the index pandas writes, are ignored). Quoted multi-line
 * fields, a BOM and `,`/`;`/tab delimiters are handled; a row that does not parse is
 * reported with its line and the rest is read on.
 */
export const csvReader: RecordReader = {
  format: 'csv',
  extensions: ['.csv', '.tsv'],
  sniff: (head) => {
    const header = headerLine(head);
    return /(^|[,;\t])"?question"?([,;\t]|$)/i.test(header) && /[,;\t]/.test(header);
  },
  async *read(input): AsyncGenerator<SourceRecord> {
    const header = headerLine(input.head);
    const columns = header
      .split(detectDelimiter(header))
      .map((name) => name.trim().replace(/^"|"$/g, '').toLowerCase());
    if (!columns.includes('question'))
      throw new Error(`no "question" column in the header (${columns.slice(0, 15).join(', ')})`);
    const skipped: SourceRecord[] = [];
    // A row past the limit cannot be skipped and resynchronised reliably (its quotes may never
    // close): the parse stops, and the file is quarantined, after reading at most the limit.
    const limit = input.options?.maxRecordBytes ?? MAX_LINE_BYTES;
    const parser = parse({
      max_record_size: limit,
      bom: true,
      delimiter: detectDelimiter(header),
      columns: () => columns,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if ((err as { code?: string } | undefined)?.code === 'CSV_MAX_RECORD_SIZE')
          throw new Error(`a CSV row longer than ${limit} bytes at line ${(err as { lines?: number }).lines ?? '?'}`);
        skipped.push({
          position: (err as { lines?: number } | undefined)?.lines ?? 0,
          error: `CSV row does not parse: ${err?.message ?? 'unknown error'}`,
        });
        return undefined;
      },
    });
    const source = await input.open();
    source.once('error', (err) => parser.destroy(err));
    source.pipe(parser);
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield* skipped.splice(0);
      yield { position: info.lines, value: record };
    }
    yield* skipped.splice(0);
  },
};
