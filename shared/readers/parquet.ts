import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { MEDQUAD_COLUMNS } from '../records/medquad';
import type { RecordReader, SourceRecord } from './types';

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

/**
 * Apache Parquet in the Hugging Face `lavita/MedQuAD` layout. Reads only the QA columns
 * the file has, one row group at a time, so memory is bounded by the largest row group.
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
    const columns = MEDQUAD_COLUMNS.filter((name) => present.has(name));
    if (!present.has('question')) {
      throw new Error(`no "question" column (columns: ${[...present].slice(0, 20).join(', ')})`);
    }
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const rows = await parquetReadObjects({ file, metadata, columns, rowStart, rowEnd, compressors });
      for (let i = 0; i < rows.length; i += 1) yield { position: rowStart + i + 1, value: rows[i] };
      rowStart = rowEnd;
    }
  },
};
