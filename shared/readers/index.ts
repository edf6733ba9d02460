export { UnreadableFileError } from './errors';
export { splitLines, stripBom } from './lines';
export { readJsonLines } from './read-json-lines';
export { chooseReader, type FormatSet, type OpenedFile, openRecordFile, sweepSpillFolders } from './registry';
export * from './types';
