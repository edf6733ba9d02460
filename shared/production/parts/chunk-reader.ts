const NEWLINE = 0x0a;
const EMPTY: Buffer = Buffer.alloc(0);

/**
 * Takes a byte stream apart by lengths or by lines, holding one chunk: a piece that lies inside
 * a chunk is a view of it, only a piece across chunks is copied.
 */
export class ChunkReader {
  private readonly chunks: AsyncIterator<Buffer>;
  private chunk: Buffer = EMPTY;
  private at = 0;

  constructor(stream: AsyncIterable<Buffer>) {
    this.chunks = stream[Symbol.asyncIterator]();
  }

  /** The next `n` bytes when the current chunk holds them (no await), else undefined: then call bytes(). */
  bytesAtHand(n: number): Buffer | undefined {
    if (this.chunk.length - this.at < n) return undefined;
    return this.chunk.subarray(this.at, (this.at += n));
  }

  /** The next `n` bytes; throws when the stream ends before them. */
  async bytes(n: number): Promise<Buffer> {
    if (this.chunk.length - this.at >= n) return this.chunk.subarray(this.at, (this.at += n));
    const pieces: Buffer[] = [this.chunk.subarray(this.at)];
    let have = pieces[0]!.length;
    while (have < n) {
      const next = await this.nextChunk();
      if (!next) throw new Error(`the stream ended ${n - have} bytes before the end of a line it lists`);
      const take = Math.min(n - have, next.length);
      pieces.push(next.subarray(0, take));
      have += take;
      this.chunk = next;
      this.at = take;
    }
    return Buffer.concat(pieces, n);
  }

  /** The next line without its newline; undefined at the end of the stream. */
  async line(): Promise<Buffer | undefined> {
    const newline = this.chunk.indexOf(NEWLINE, this.at);
    if (newline !== -1) {
      const line = this.chunk.subarray(this.at, newline);
      this.at = newline + 1;
      return line;
    }
    const pieces: Buffer[] = [this.chunk.subarray(this.at)];
    for (;;) {
      const next = await this.nextChunk();
      if (!next) {
        this.chunk = EMPTY;
        this.at = 0;
        const rest = Buffer.concat(pieces);
        return rest.length > 0 ? rest : undefined;
      }
      const end = next.indexOf(NEWLINE);
      if (end === -1) {
        pieces.push(next);
        continue;
      }
      pieces.push(next.subarray(0, end));
      this.chunk = next;
      this.at = end + 1;
      return Buffer.concat(pieces);
    }
  }

  /** Stops reading: the stream is destroyed and its file or connection let go. */
  async close(): Promise<void> {
    await this.chunks.return?.();
  }

  private async nextChunk(): Promise<Buffer | undefined> {
    for (;;) {
      const { value, done } = await this.chunks.next();
      if (done) return undefined;
      const chunk = Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
      if (chunk.length > 0) return chunk;
    }
  }
}
