// The last answer to each GET, kept for conditional requests: GitHub answers `If-None-Match` with
// 304 when nothing changed, which costs nothing of the rate limit. Keyed by account, URL and media
// type, so a second account never sees the first one's data; least recently used goes first.
import { createHash } from 'node:crypto';
import type { ApiResponse } from './client';

export interface CachedResponse {
  etag: string;
  response: ApiResponse;
}

export class EtagCache {
  private readonly entries = new Map<string, CachedResponse>();

  constructor(private readonly capacity: number) {}

  /** The token enters the key only as a short digest: the cache never holds a credential. */
  static key(token: string | undefined, url: string, accept: string | undefined): string {
    const account = token === undefined ? '-' : createHash('sha256').update(token).digest('hex').slice(0, 16);
    return `${account} ${accept ?? ''} ${url}`;
  }

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedResponse): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
