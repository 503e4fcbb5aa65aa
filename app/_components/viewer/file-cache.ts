/**
 * The parsed instances the browser keeps, by URL. A file is kept while something holds it (a
 * viewer, for the multi-frame files of its series and the file of the image it shows); of the
 * files nobody holds, only the last few used are kept, within a count and a byte budget. A
 * reading session that opens study after study, multi-frame CTs among them, so stays bounded,
 * and a viewer opened beside another (a prior to compare) never pushes out the file on screen.
 */
export interface FileCacheLimits {
  /** Files nobody holds, kept after their last use (oldest out first). */
  unheldFiles: number;
  /** Bytes of those files kept, at most. */
  unheldBytes: number;
}

interface Entry<T> {
  loading: Promise<T>;
  /** Bytes, once loaded; null while loading (a file in flight is never dropped). */
  bytes: number | null;
}

export class FileCache<T> {
  /** In order of last use, oldest first. */
  private readonly entries = new Map<string, Entry<T>>();
  private readonly holds = new Map<object, ReadonlySet<string>>();

  constructor(
    private readonly limits: FileCacheLimits,
    private readonly load: (url: string) => Promise<T>,
    private readonly sizeOf: (value: T) => number,
  ) {}

  /** The file at `url`, loaded once while it is kept. */
  get(url: string): Promise<T> {
    const known = this.entries.get(url);
    if (known) {
      this.entries.delete(url);
      this.entries.set(url, known);
      return known.loading;
    }
    const entry: Entry<T> = { loading: this.load(url), bytes: null };
    this.entries.set(url, entry);
    entry.loading.then(
      (value) => {
        entry.bytes = this.sizeOf(value);
        this.trim();
      },
      () => {
        if (this.entries.get(url) === entry) this.entries.delete(url);
      },
    );
    return entry.loading;
  }

  /** `holder` holds exactly these files from now on (none: it lets them all go). */
  hold(holder: object, urls: Iterable<string>): void {
    const held = new Set(urls);
    if (held.size === 0) this.holds.delete(holder);
    else this.holds.set(holder, held);
    this.trim();
  }

  /** Whether the file at `url` is kept (loaded or loading). */
  has(url: string): boolean {
    return this.entries.has(url);
  }

  private isHeld(url: string): boolean {
    for (const held of this.holds.values()) if (held.has(url)) return true;
    return false;
  }

  private trim(): void {
    const unheld = [...this.entries].filter(
      ([url, entry]) => entry.bytes !== null && !this.isHeld(url),
    );
    let bytes = unheld.reduce((sum, [, entry]) => sum + entry.bytes!, 0);
    let count = unheld.length;
    for (const [url, entry] of unheld) {
      if (count <= this.limits.unheldFiles && bytes <= this.limits.unheldBytes) return;
      this.entries.delete(url);
      count -= 1;
      bytes -= entry.bytes!;
    }
  }
}
