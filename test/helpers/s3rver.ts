import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import { S3Store } from '../../shared/store/s3-store';

export interface RunningS3rver {
  endpoint: string;
  /** A store on a fresh bucket with the settings s3rver needs (see the S3 store's notes). */
  newStore(bucket?: string): Promise<S3Store>;
  stop(): Promise<void>;
}

let buckets = 0;

/** Starts s3rver on a free loopback port with its files in a temporary folder. */
export async function startS3rver(): Promise<RunningS3rver> {
  const directory = await fs.mkdtemp(path.join(tmpdir(), 'medqa-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const address = (await server.run()) as { address: string; port: number };
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    async newStore(bucket = `bucket-${process.pid}-${(buckets += 1)}`) {
      const store = new S3Store({
        bucket,
        endpoint,
        accessKeyId: 'S3RVER', // s3rver accepts only this key id
        secretAccessKey: 'S3RVER',
        // s3rver ignores If-None-Match, fails CopyObject for keys with "+", and lists "a/z" before "a-c".
        capabilities: { atomicCreateIfAbsent: false, copyReservedCharacters: false, byteOrderListing: false },
      });
      await store.ensureBucket();
      return store;
    },
    async stop() {
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
