import type { OutputStream } from './io.js';

/** A progress meter on stderr for `-o FILE`, redrawn in place with `\r`, like curl's. */
export interface ProgressMeter {
  /** `bytes` more arrived. Redraws at most every `intervalMs`. */
  add(bytes: number): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

export interface ProgressMeterOptions {
  readonly stream: OutputStream;
  /** The body's length when the server said it (Content-Length, no Content-Encoding). */
  readonly total: number | undefined;
  /** @default performance.now */
  readonly now?: () => number;
  /** @default 200 */
  readonly intervalMs?: number;
  /** Width of the bar in characters. @default 30 */
  readonly barWidth?: number;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `1536` -> `1.5 KiB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** One line of the meter: percent and bar when the total is known, bytes and rate always. */
export function formatProgress(
  received: number,
  total: number | undefined,
  elapsedMs: number,
  barWidth = 30,
): string {
  const rate = elapsedMs > 0 ? (received * 1000) / elapsedMs : 0;
  const speed = `${formatBytes(Math.round(rate))}/s`;
  if (total === undefined || total <= 0) return `${formatBytes(received)}  ${speed}`;
  const fraction = Math.min(received / total, 1);
  const filled = Math.round(fraction * barWidth);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}`;
  const percent = `${(fraction * 100).toFixed(1)}%`.padStart(6);
  return `${percent} [${bar}] ${formatBytes(received)} / ${formatBytes(total)}  ${speed}`;
}

export function createProgressMeter(options: ProgressMeterOptions): ProgressMeter {
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 200;
  const started = now();
  let received = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let width = 0;
  const draw = () => {
    const line = formatProgress(received, options.total, now() - started, options.barWidth);
    // Pad over a longer previous line, then return to the line's start.
    options.stream.write(`\r${line.padEnd(width)}`);
    width = Math.max(width, line.length);
  };
  return {
    add(bytes) {
      received += bytes;
      const t = now();
      if (t - lastDraw < interval) return;
      lastDraw = t;
      draw();
    },
    finish() {
      draw();
      options.stream.write('\n');
    },
  };
}
