/**
 * Sums transformers.js's per-file download progress into one byte count for
 * the progress bar. Files are announced as they start, so the total grows
 * while loading; a file's total is its Content-Length (or what has arrived).
 */
export class ProgressTally {
  private readonly files = new Map<string, { loaded: number; total: number }>();

  /** Records one file's progress and returns the sums over every file seen. */
  update(file: string, loaded: number, total: number): { loadedBytes: number; totalBytes: number } {
    this.files.set(file, { loaded, total: Math.max(total, loaded) });
    let loadedBytes = 0;
    let totalBytes = 0;
    for (const f of this.files.values()) {
      loadedBytes += f.loaded;
      totalBytes += f.total;
    }
    return { loadedBytes, totalBytes };
  }
}
