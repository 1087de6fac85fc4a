// The backend's read cache (db/backend/read-cache.ts): an answer is kept until an area it read
// changes, and an answer computed while a change happened is never kept.
import { describe, expect, it } from 'vitest';
import { createReadCache } from '../../db/backend/read-cache';

describe('the read cache', () => {
  it('keeps an answer until an area it read changes; other areas leave it', async () => {
    const cache = createReadCache();
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.remember('k', ['outcomes', 'participants'], compute)).toBe(1);
    expect(await cache.remember('k', ['outcomes', 'participants'], compute)).toBe(1);
    cache.changed(['audit', 'views']);
    expect(await cache.remember('k', ['outcomes', 'participants'], compute)).toBe(1);
    cache.changed(['participants']);
    expect(await cache.remember('k', ['outcomes', 'participants'], compute)).toBe(2);
    cache.changed(['*']);
    expect(await cache.remember('k', ['outcomes', 'participants'], compute)).toBe(3);
    // Keys are apart.
    expect(await cache.remember('other', ['outcomes'], compute)).toBe(4);
    expect(await cache.remember('k', ['outcomes', 'participants'], compute)).toBe(3);
  });

  it('does not keep an answer computed while a change happened (it may have read the old data)', async () => {
    const cache = createReadCache();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = cache.remember('k', ['outcomes'], async () => (await gate, 'read before the change'));
    cache.changed(['outcomes']);
    release();
    expect(await first).toBe('read before the change');
    expect(await cache.remember('k', ['outcomes'], async () => 'read after')).toBe('read after');
    expect(await cache.remember('k', ['outcomes'], async () => 'not asked')).toBe('read after');
  });

  it('keeps a bounded number of answers, forgetting the oldest', async () => {
    const cache = createReadCache();
    for (let i = 0; i < 40; i++) await cache.remember(`k${i}`, ['outcomes'], async () => i);
    expect(await cache.remember('k0', ['outcomes'], async () => 'again')).toBe('again');
    expect(await cache.remember('k39', ['outcomes'], async () => 'again')).toBe(39);
  });
});
