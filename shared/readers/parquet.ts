import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { MEDQUAD_COLUMNS } from '../records/medquad';
import type { RecordReader, SourceRecord } from './types';

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

/** Columns the pipeline uses; the UMLS columns are never read. */
const WANTED_COLUMNS = MEDQUAD_COLUMNS.filter((name) => !name.startsWith('umls_'));

/** Rows decoded at a time: with an offset index only the pages holding them are fetched. */
const ROWS_PER_BATCH = 16_384;

/**
 * Apache Parquet in the Hugging Face `lavita/MedQuAD` layout. Reads only the columns the
 * pipeline uses, in batches of rows; where the file has an offset index (hyparquet-writer and
 * recent pyarrow write one) only the pages of a batch are read, otherwise memory is bounded by
 * the largest row group.
 */
export const parquetReader: RecordReader = {
  format: 'parquet',
  extensions: ['.parquet', '.pq'],
  needsRandomAccess: true,
  sniff: (head) => MAGIC.every((byte, i) => head[i] === byte),
  async *read(input): AsyncGenerator<SourceRecord> {
    const file = input.randomAccess!;
    const metadata = await parquetMetadataAsync(file);
    const present = new Set(metadata.schema.slice(1).map((element) => element.name));
    const columns = WANTED_COLUMNS.filter((name) => present.has(name));
    if (!present.has('question')) {
      throw new Error(`no "question" column (columns: ${[...present].slice(0, 20).join(', ')})`);
    }
    let groupStart = 0;
    for (const group of metadata.row_groups) {
      const groupEnd = groupStart + Number(group.num_rows);
      // Without an offset index every batch would decode the whole column chunk again.
      const indexed = group.columns
        .filter((chunk) => columns.includes(chunk.meta_data?.path_in_schema[0] as (typeof columns)[number]))
        .every((chunk) => chunk.offset_index_offset !== undefined);
      const batch = indexed ? ROWS_PER_BATCH : groupEnd - groupStart;
      for (let rowStart = groupStart; rowStart < groupEnd; rowStart += batch) {
        const rowEnd = Math.min(rowStart + batch, groupEnd);
        const rows = await parquetReadObjects({
          file,
          metadata,
          columns,
          rowStart,
          rowEnd,
          compressors,
          useOffsetIndex: indexed,
        });
        for (let i = 0; i < rows.length; i += 1) yield { position: rowStart + i + 1, value: rows[i] };
      }
      groupStart = groupEnd;
    }
  },
};
