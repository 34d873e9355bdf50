/**
 * What a bag or an MCAP file looks like once its index is read: topics with
 * the time of each message, and a way to decode one message. The recording
 * (build-recording.ts) is made from this, so bags and MCAP share everything
 * after the container.
 */
import type { ByteSource } from '../../core/recording';
import { DepthDecodeError } from '../../core/depth-image';

export interface TopicIndex {
  readonly topic: string;
  /** ROS 1 spelling ("sensor_msgs/Image"); ROS 2's "sensor_msgs/msg/Image" is normalised to it. */
  readonly type: string;
  /** Message times in seconds (the bag's receive time, MCAP's log time), ascending. */
  readonly times: readonly number[];
}

export interface MessageStore {
  readonly topics: ReadonlyMap<string, TopicIndex>;
  /** Message `index` of `topic`, decoded to plain objects. */
  read(topic: string, index: number): Promise<Record<string, unknown>>;
  /** How the container was read ("re-indexed: ..."). */
  readonly notes: readonly string[];
}

export function normaliseType(type: string): string {
  return type.replace('/msg/', '/');
}

/** Exactly `length` bytes at `offset`, or a sentence saying the file ends first. */
export async function readExactly(source: ByteSource, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (offset < 0 || length < 0 || offset + length > source.size) {
    throw new DepthDecodeError(`${what}: ${length} bytes are needed at byte ${offset} but the file has ${source.size}; it is truncated or damaged.`);
  }
  const bytes = await source.read(offset, length);
  if (bytes.length !== length) throw new DepthDecodeError(`${what}: the file ended after ${bytes.length} of ${length} bytes at byte ${offset}.`);
  return bytes;
}

/**
 * The last few decompressed chunks, so that stepping through frames of one
 * chunk decompresses it once. Bounded by count and bytes: the tab holds at
 * most CACHE_BYTES of chunks whatever the file size.
 */
export const CACHE_BYTES = 64 * 1024 * 1024;

export class ChunkCache {
  private readonly entries = new Map<number, Promise<Uint8Array>>();
  private readonly sizes = new Map<number, number>();

  constructor(private readonly maxEntries = 4) {}

  get(key: number, load: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const promise = load();
    this.entries.set(key, promise);
    promise.then(
      (bytes) => {
        this.sizes.set(key, bytes.length);
        this.evict();
      },
      () => {
        this.entries.delete(key);
      },
    );
    return promise;
  }

  private evict(): void {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    for (const key of this.entries.keys()) {
      if (this.entries.size <= 1) break;
      if (this.entries.size <= this.maxEntries && total <= CACHE_BYTES) break;
      total -= this.sizes.get(key) ?? 0;
      this.entries.delete(key);
      this.sizes.delete(key);
    }
  }
}
