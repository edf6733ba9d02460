export * from './types';
export { UnreadableFileError } from './errors';
export { chooseReader, openRecordFile, type FormatSet, type OpenedFile } from './registry';
export { splitLines, stripBom } from './lines';
export { readJsonLines } from './read-json-lines';
