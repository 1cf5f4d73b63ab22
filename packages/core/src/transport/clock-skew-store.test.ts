import { describe, expect, it } from 'vitest';
import { createClockSkewStore } from './clock-skew-store.js';

const now = new Date('2026-01-01T00:00:00Z');
const plus = (ms: number) => new Date(now.getTime() + ms);

describe('createClockSkewStore', () => {
  it('keeps one offset per origin', () => {
    const store = createClockSkewStore();
    expect(store.correct('https://a.example', plus(3_600_000), now)).toBe(true);
    expect(store.offset('https://a.example')).toBe(3_600_000);
    expect(store.offset('https://b.example')).toBe(0);
  });

  it.each([
    ['more than 24 h ahead', plus(24 * 3_600_000 + 1)],
    ['more than 24 h behind', plus(-24 * 3_600_000 - 1)],
    ['an invalid date', new Date(Number.NaN)],
    ['the largest Date', new Date(8.64e15)],
  ])('ignores %s', (_name, serverTime) => {
    const store = createClockSkewStore();
    expect(store.correct('https://a.example', serverTime, now)).toBe(false);
    expect(store.offset('https://a.example')).toBe(0);
  });

  it('forgets the oldest origin past 256', () => {
    const store = createClockSkewStore();
    for (let i = 0; i <= 256; i++) store.correct(`https://h${i}.example`, plus(1000), now);
    expect(store.offset('https://h0.example')).toBe(0);
    expect(store.offset('https://h256.example')).toBe(1000);
  });
});
