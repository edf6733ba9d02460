/**
 * The name table as it travels in the bundles: two sorted tables of 32-bit hashes (names, common
 * English words), Rice-coded (rice-code.ts), in base64. The header holds the two counts, the two
 * Rice parameters and the byte length of the names' code.
 */
import { riceDecode, riceEncode, riceParameter } from './rice-code';

const HEADER_BYTES = 16;

export interface HashTables {
  names: Uint32Array;
  words: Uint32Array;
}

export function encodeNameTable(names: Uint32Array, words: Uint32Array): string {
  const [namesK, wordsK] = [riceParameter(names), riceParameter(words)];
  const [namesCode, wordsCode] = [riceEncode(names, namesK), riceEncode(words, wordsK)];
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(names.length, 0);
  header.writeUInt32LE(words.length, 4);
  header.writeUInt8(namesK, 8);
  header.writeUInt8(wordsK, 9);
  header.writeUInt32LE(namesCode.length, 12);
  return Buffer.concat([header, namesCode, wordsCode]).toString('base64');
}

export function decodeNameTable(table: string): HashTables {
  const bytes = Buffer.from(table, 'base64');
  const namesEnd = HEADER_BYTES + bytes.readUInt32LE(12);
  return {
    names: riceDecode(bytes.subarray(HEADER_BYTES, namesEnd), bytes.readUInt32LE(0), bytes.readUInt8(8)),
    words: riceDecode(bytes.subarray(namesEnd), bytes.readUInt32LE(4), bytes.readUInt8(9)),
  };
}
