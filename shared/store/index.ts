export * from './types';
export * from './errors';
export * from './keys';
export * from './list';
export { FolderStore } from './folder-store';
export { S3Store, type S3StoreOptions } from './s3-store';
export { JsonlWriter } from './jsonl-writer';
export * from './move';
