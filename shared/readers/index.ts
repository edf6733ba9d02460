export * from './types';
export { UnreadableFileError } from './errors';
export { READERS, chooseReader, openRecordFile, type OpenedFile } from './registry';
export { splitLines, stripBom } from './lines';
