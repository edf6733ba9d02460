import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { MAX_XML_BYTES, parseMedQuadXml } from './medquad-xml';
import type { RandomAccess, RecordReader, SourceRecord } from './types';

const MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4"

/** An entry that expands more than this is treated as a zip bomb (XML compresses about 5×). */
export const MAX_COMPRESSION_RATIO = 100;
/** And the whole archive may not expand beyond this. */
export const MAX_TOTAL_UNCOMPRESSED = 4 * 1024 ** 3;
/** Entries are fetched through a read-ahead window: one store request serves many small entries. */
const WINDOW_BYTES = 2 * 1024 * 1024;
const WINDOWS = 3;

/**
 * A `.zip` of MedQuAD XML files (the original release: 12 folders, 11,274 files). Entries
 * are read one at a time from the stored object through ranged reads, never unpacked as a
 * whole; non-XML entries are skipped; an entry that cannot be parsed is reported and the
 * rest is read on. Suspicious expansion refuses the whole archive.
 */
export const zipReader: RecordReader = {
  format: 'medquad-xml-zip',
  extensions: ['.zip'],
  needsRandomAccess: true,
  sniff: (head) => MAGIC.every((byte, i) => head[i] === byte),
  async *read(input): AsyncGenerator<SourceRecord> {
    const zip = await openZip(input.randomAccess!);
    try {
      let position = 0;
      let expanded = 0;
      for (let entry = await zip.next(); entry; entry = await zip.next()) {
        if (entry.fileName.endsWith('/') || !entry.fileName.toLowerCase().endsWith('.xml')) continue;
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (entry.uncompressedSize > 1024 * 1024 && ratio > MAX_COMPRESSION_RATIO) {
          throw new Error(
            `entry ${entry.fileName} expands ${Math.round(ratio)}× (limit ${MAX_COMPRESSION_RATIO}×): refused as a possible zip bomb`,
          );
        }
        expanded += entry.uncompressedSize;
        if (expanded > MAX_TOTAL_UNCOMPRESSED)
          throw new Error(`the archive expands beyond ${MAX_TOTAL_UNCOMPRESSED} bytes: refused as a possible zip bomb`);
        if (entry.uncompressedSize > MAX_XML_BYTES) {
          yield {
            position: ++position,
            entry: entry.fileName,
            error: `entry over the ${MAX_XML_BYTES}-byte limit for one document`,
          };
          continue;
        }
        let rows: ReturnType<typeof parseMedQuadXml>;
        try {
          rows = parseMedQuadXml((await zip.read(entry)).toString('utf8'), entry.fileName);
        } catch (err) {
          yield { position: ++position, entry: entry.fileName, error: (err as Error).message };
          continue;
        }
        for (const row of rows) yield { position: ++position, entry: entry.fileName, value: row };
      }
    } finally {
      zip.close();
    }
  },
};

interface ZipCursor {
  next(): Promise<yauzl.Entry | undefined>;
  read(entry: yauzl.Entry): Promise<Buffer>;
  close(): void;
}

async function openZip(access: RandomAccess): Promise<ZipCursor> {
  const reader = new WindowedReader(access);
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromRandomAccessReader(
      reader,
      access.byteLength,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err ? reject(err) : resolve(zip!)),
    ),
  );
  return {
    next: () =>
      new Promise((resolve, reject) => {
        const onEntry = (entry: yauzl.Entry) => done(() => resolve(entry));
        const onEnd = () => done(() => resolve(undefined));
        const onError = (err: Error) => done(() => reject(err));
        const done = (settle: () => void) => {
          zipfile.off('entry', onEntry).off('end', onEnd).off('error', onError);
          settle();
        };
        zipfile.on('entry', onEntry).on('end', onEnd).on('error', onError);
        zipfile.readEntry();
      }),
    read: (entry) =>
      new Promise((resolve, reject) => {
        zipfile.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          stream!.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream!.on('error', reject);
          stream!.on('end', () => resolve(Buffer.concat(chunks)));
        });
      }),
    close: () => zipfile.close(),
  };
}

/**
 * yauzl's reader over RandomAccess, with a few read-ahead windows so that small entries cost
 * no extra request. Several windows, because yauzl alternates between the central directory
 * at the end of the archive and the entries' data.
 */
class WindowedReader extends yauzl.RandomAccessReader {
  private windows: { start: number; bytes: Buffer }[] = [];

  constructor(private readonly access: RandomAccess) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const self = this;
    return Readable.from(
      (async function* () {
        for (let at = start; at < end; ) {
          const bytes = await self.bytesAt(at, end);
          yield bytes;
          at += bytes.length;
        }
      })(),
    );
  }

  private async bytesAt(start: number, end: number): Promise<Buffer> {
    let index = this.windows.findIndex((w) => start >= w.start && start < w.start + w.bytes.length);
    if (index === -1) {
      const length = Math.min(WINDOW_BYTES, this.access.byteLength - start);
      this.windows.unshift({ start, bytes: Buffer.from(await this.access.slice(start, start + length)) });
      this.windows.length = Math.min(this.windows.length, WINDOWS);
      index = 0;
    }
    const window = this.windows[index]!;
    if (index > 0) this.windows.unshift(...this.windows.splice(index, 1)); // most recently used first
    return window.bytes.subarray(start - window.start, Math.min(end - window.start, window.bytes.length));
  }
}
