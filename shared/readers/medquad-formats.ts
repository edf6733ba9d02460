import { csvReader } from './csv';
import { jsonArrayReader } from './json-array';
import { jsonlReader } from './jsonl';
import { medquadXmlReader } from './medquad-xml';
import { parquetReader } from './parquet';
import type { FormatSet } from './registry';
import { zipReader } from './zip';

/** Every form a MedQuAD export comes in (offline-etl). Binary signatures first. */
export const MEDQUAD_FORMATS: FormatSet = {
  readers: [parquetReader, zipReader, jsonArrayReader, jsonlReader, medquadXmlReader, csvReader],
  description: 'Parquet, JSON Lines, a JSON array, CSV with a header row, MedQuAD XML or a zip of it',
};
