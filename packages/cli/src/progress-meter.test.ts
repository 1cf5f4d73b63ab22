import { describe, expect, it } from 'vitest';
import { createProgressMeter, formatBytes, formatProgress } from './progress-meter.js';

describe('the progress meter', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300.0 MiB');
  });

  it('shows percent and a bar when the total is known, bytes and rate always', () => {
    expect(formatProgress(512 * 1024, 1024 * 1024, 1000, 10)).toBe(
      ' 50.0% [#####-----] 512.0 KiB / 1.0 MiB  512.0 KiB/s',
    );
    expect(formatProgress(3 * 1024 * 1024, undefined, 2000)).toBe('3.0 MiB  1.5 MiB/s');
  });

  it('redraws at most once per interval, in place, and ends the line', () => {
    let t = 0;
    const written: string[] = [];
    const meter = createProgressMeter({
      stream: { write: (chunk) => written.push(String(chunk)) },
      total: 1000,
      now: () => t,
      intervalMs: 200,
      barWidth: 4,
    });
    meter.add(100);
    t = 100;
    meter.add(100);
    t = 250;
    meter.add(800);
    meter.finish();
    expect(written).toEqual([
      '\r 10.0% [----] 100 B / 1000 B  0 B/s',
      '\r100.0% [####] 1000 B / 1000 B  3.9 KiB/s',
      '\r100.0% [####] 1000 B / 1000 B  3.9 KiB/s',
      '\n',
    ]);
  });
});
