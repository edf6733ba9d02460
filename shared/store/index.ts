export * from './errors';
export { FolderStore } from './folder-store';
export { JsonlWriter } from './jsonl-writer';
export * from './keys';
export * from './list';
export * from './move';
export { S3Store, type S3StoreOptions } from './s3-store';
export * from './types';
