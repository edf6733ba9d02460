export { BytesWriter } from './bytes-writer';
export * from './errors';
export { FolderStore } from './folder-store';
export { JsonlWriter } from './jsonl-writer';
export * from './keys';
export * from './list';
export * from './move';
export * from './types';
