import { describe, expect, it } from 'vitest';
import { lastCursor, mergePosts } from './posts';

const post = (id: string, minute: number, body = id) => ({
  id,
  cursor: `c${String(minute).padStart(3, '0')}`,
  createdAt: `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
  body,
});

describe('live posts', () => {
  it('shows each post once, in the order written, whichever way it arrived', () => {
    const page = [post('a', 1), post('b', 2)];
    // The socket delivers c, then the catch-up after a reconnect returns b and c again plus d.
    const afterLive = mergePosts(page, [post('c', 3)]);
    const afterCatchUp = mergePosts(afterLive, [post('d', 5), post('b', 2), post('c', 3)]);
    expect(afterCatchUp.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(lastCursor(afterCatchUp)).toBe('c005');
  });

  it('replaces a post that changed (hidden, reacted to)', () => {
    const merged = mergePosts([post('a', 1), post('b', 2)], [post('a', 1, 'edited')]);
    expect(merged.map((p) => p.body)).toEqual(['edited', 'b']);
  });

  it('has no cursor before the first post', () => {
    expect(lastCursor([])).toBeUndefined();
  });
});
