import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, nodeAdapters, useAxios } from './axios-versions.ts';
import { arrivedHeader, LOOPBACK_SCOPE, startEmulator } from './helpers.js';

// axios's adapters trim a header value and drop what a byte string cannot hold before sending it
// (helpers/sanitizeHeaderValue.js in recent axios). The interceptor signs the value after that
// same treatment, so what is signed is what arrives: checked here on the socket, by the emulator.
const VALUES = [
  { given: '  padded value\t', arrives: 'padded value' },
  { given: 'caf\u00e9 au lait', arrives: 'caf\u00e9 au lait' },
] as const;

let emulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  const loaded = useAxios(version);
  for (const adapter of nodeAdapters(version)) {
    for (const { given, arrives } of VALUES) {
      it(`${adapter} adapter: ${JSON.stringify(given)} arrives as ${JSON.stringify(arrives)}, signed as it arrives`, async () => {
        const api = loaded.axios.create({ adapter, headers: { 'x-note': given } });
        loaded.lib.addSigV4Interceptor(api, LOOPBACK_SCOPE);
        const response = await api.get(`${emulator.url}/prod/items`);
        expect(response.status).toBe(200);
        const arrived = emulator.requests.at(-1);
        expect(arrived && arrivedHeader(arrived, 'x-note')).toEqual([arrives]);
        expect(arrived?.result.ok && arrived.result.identity.signedHeaders).toContain('x-note');
      });
    }
  }
});

// An interceptor can write config.headers' properties directly, past AxiosHeaders.set: names that
// differ only in case, a number, a value axios would still sanitise. The adapter sends them after
// its own treatment; each arrives signed as it arrived.
const DIRECT: ReadonlyArray<{
  name: string;
  write: Record<string, unknown>;
  header: string;
  arrives: string[];
}> = [
  { name: 'a number', write: { 'x-count': 5 }, header: 'x-count', arrives: ['5'] },
  { name: 'padding', write: { 'x-pad': '  p  ' }, header: 'x-pad', arrives: ['p'] },
  { name: 'a control character', write: { 'x-ctl': 'a\u0001b' }, header: 'x-ctl', arrives: ['ab'] },
  {
    name: 'two names differing in case',
    write: { 'X-Twice': 'first', 'x-twice': 'second' },
    header: 'x-twice',
    arrives: ['second'],
  },
];

describe.each(AXIOS_VERSIONS)('$module, headers written directly', (version) => {
  const loaded = useAxios(version);
  for (const adapter of nodeAdapters(version)) {
    for (const { name, write, header, arrives } of DIRECT) {
      it(`${adapter} adapter: ${name} arrives as axios sends it, signed as it arrives`, async () => {
        const api = loaded.axios.create({ adapter });
        api.interceptors.request.use((config) => {
          Object.assign(config.headers, write);
          return config;
        });
        loaded.lib.addSigV4Interceptor(api, LOOPBACK_SCOPE);
        const response = await api.get(`${emulator.url}/prod/items`);
        expect(response.status).toBe(200);
        const arrived = emulator.requests.at(-1);
        expect(arrived && arrivedHeader(arrived, header)).toEqual(arrives);
        expect(arrived?.result.ok && arrived.result.identity.signedHeaders).toContain(header);
      });
    }
  }
});
