import { describe, expect, it } from 'vitest';
import { abortableDelay, linkSignals, raceSignal } from './abort.js';

describe('abort helpers', () => {
  it('raceSignal rejects with the reason and runs onAbort', async () => {
    const controller = new AbortController();
    let released: unknown;
    const pending = raceSignal(new Promise(() => undefined), controller.signal, (r) => {
      released = r;
    });
    controller.abort('stop');
    await expect(pending).rejects.toBe('stop');
    expect(released).toBe('stop');
  });

  it('abortableDelay ends early on abort', async () => {
    const started = Date.now();
    await expect(abortableDelay(10_000, AbortSignal.timeout(20))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('linkSignals aborts on any input or on the timeout', async () => {
    const a = new AbortController();
    const linked = linkSignals([a.signal, undefined], 10_000);
    a.abort('a');
    expect(linked.signal?.reason).toBe('a');
    const timed = linkSignals([], 10);
    await new Promise((r) => setTimeout(r, 30));
    expect((timed.signal?.reason as DOMException | undefined)?.name).toBe('TimeoutError');
    timed.dispose();
  });

  it("linkSignals: a timeout reason of the caller's choice; clearTimer keeps the inputs linked", async () => {
    const timed = linkSignals([], 10, { timeoutReason: () => 'too slow' });
    await new Promise((r) => setTimeout(r, 30));
    expect(timed.signal?.reason).toBe('too slow');
    const input = new AbortController();
    const kept = linkSignals([input.signal], 10);
    kept.clearTimer();
    await new Promise((r) => setTimeout(r, 30));
    expect(kept.signal?.aborted).toBe(false);
    input.abort('later');
    expect(kept.signal?.reason).toBe('later');
    kept.dispose();
  });
});
