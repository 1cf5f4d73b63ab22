// Pins the behaviours of axios (public API, observed from outside) that the signing adapter
// relies on. If one of these fails after an axios upgrade, revisit signing-adapter.ts.
import axios, { type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';

function recordingAdapter() {
  const seen: InternalAxiosRequestConfig[] = [];
  const adapter = async (config: InternalAxiosRequestConfig) => {
    seen.push(config);
    return { data: 'ok', status: 200, statusText: 'OK', headers: {}, config };
  };
  return { seen, adapter };
}

describe('axios behaviours the signing adapter relies on', () => {
  it('calls the adapter after transformRequest and after its POST content-type default', async () => {
    const { seen, adapter } = recordingAdapter();
    const api = axios.create({ adapter, headers: { 'X-Instance': '1' } });
    api.interceptors.request.use((config) => {
      config.headers.set('X-Late', 'after sigv4');
      return config;
    });
    await api.post('https://example.com/a', { x: 1 });
    await api.post('https://example.com/b', 'raw');
    expect(seen[0]?.data).toBe('{"x":1}');
    expect(seen[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(seen[0]?.headers.get('X-Instance')).toBe('1');
    expect(seen[0]?.headers.get('X-Late')).toBe('after sigv4');
    expect(seen[1]?.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
  });

  it('hands interceptors a merged copy, and reports the adapter’s config as error.config', async () => {
    const { seen, adapter } = recordingAdapter();
    const failing = async (config: InternalAxiosRequestConfig) => {
      await adapter(config);
      throw new axios.AxiosError('boom', 'ECONNRESET', config);
    };
    const api = axios.create({ adapter: failing });
    let intercepted: unknown;
    api.interceptors.request.use((config) => {
      intercepted = config;
      return config;
    });
    const mine = { url: 'https://example.com/', headers: { A: '1' } };
    const error = (await api.request(mine).catch((e: unknown) => e)) as { config: unknown };
    expect(intercepted).not.toBe(mine);
    expect(error.config).toBe(seen[0]);
  });

  it('runs request interceptors last-added first by default (legacy ordering)', async () => {
    const { adapter } = recordingAdapter();
    const api = axios.create({ adapter });
    const order: string[] = [];
    for (const name of ['first added', 'second added']) {
      api.interceptors.request.use((config) => {
        order.push(name);
        return config;
      });
    }
    await api.get('https://example.com/');
    expect(order).toEqual(['second added', 'first added']);
  });
});
