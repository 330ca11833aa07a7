/**
 * Unsigned LEB128 variable-length integers, for the index cache: sorted id lists are stored as
 * gaps, most of which fit in one byte.
 */
export class VarintWriter {
  private buf = new Uint8Array(1 << 16);
  private len = 0;

  write(value: number): void {
    if (this.len + 5 > this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.len++] = v;
  }

  /** Writes an ascending list as its length and the gaps between neighbours. */
  writeAscending(values: ArrayLike<number>): void {
    this.write(values.length);
    let previous = 0;
    for (let i = 0; i < values.length; i++) {
      this.write(values[i] - previous);
      previous = values[i];
    }
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

export class VarintReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  read(): number {
    const { buf } = this;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= buf.length) throw new Error('truncated varint data');
      const byte = buf[this.pos++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
      if (shift > 28) throw new Error('varint too long');
    }
  }

  /** Reads a list written by `writeAscending` into `target` at `offset`; returns its length. */
  readAscendingInto(target: Uint32Array, offset: number): number {
    const n = this.read();
    if (offset + n > target.length) throw new Error('id list longer than expected');
    const buf = this.buf;
    let pos = this.pos;
    let value = 0;
    // Inlined `read()`: this loop decodes millions of postings when an index is loaded.
    for (let i = 0; i < n; i++) {
      let gap = 0;
      let shift = 0;
      for (;;) {
        if (pos >= buf.length) throw new Error('truncated varint data');
        const byte = buf[pos++];
        gap += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) break;
        shift += 7;
        if (shift > 28) throw new Error('varint too long');
      }
      value += gap;
      target[offset + i] = value;
    }
    this.pos = pos;
    return n;
  }

  /** Reads `n` plain values into `target`. */
  readInto(target: Uint32Array | Uint16Array, n: number): void {
    if (n > target.length) throw new Error('more values than expected');
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      let v = 0;
      let shift = 0;
      for (;;) {
        if (pos >= buf.length) throw new Error('truncated varint data');
        const byte = buf[pos++];
        v += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) break;
        shift += 7;
        if (shift > 28) throw new Error('varint too long');
      }
      target[i] = v;
    }
    this.pos = pos;
  }

  get done(): boolean {
    return this.pos === this.buf.length;
  }
}
