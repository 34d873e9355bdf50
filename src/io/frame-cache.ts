/**
 * The few decoded frames a recording keeps, so that stepping back and forth or
 * looping a short clip does not decode again. Bounded by bytes, not by count:
 * a 4K float frame is 64 times a 320x240 uint16 one. Least recently used goes first.
 */
export class FrameCache<T> {
  private readonly entries = new Map<number, { value: T; bytes: number }>();
  private total = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (value: T) => number,
  ) {}

  get(key: number): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    // Re-inserting moves it to the end: Map keeps insertion order, so the first entry is the oldest.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: number, value: T): void {
    const bytes = this.sizeOf(value);
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
