/** Shared tables: every body fetch accepts, and awkward paths and queries. */

const enc = new TextEncoder();

export interface BodyCase {
  readonly name: string;
  /** A fresh body each call (streams and FormData are single-use or randomised). */
  readonly make: () => BodyInit;
  /** Needs `duplex: 'half'` in init (streams, in Node). */
  readonly stream?: boolean;
  /** Text the server must receive (FormData: a part it must contain). */
  readonly expectText: string;
  /** The content-type the server must receive (prefix for FormData); null: none. */
  readonly expectType: string | null;
}

export const BODY_CASES: readonly BodyCase[] = [
  {
    name: 'string',
    make: () => '{"name":"Ada Lovelace","emoji":"✓"}',
    expectText: '{"name":"Ada Lovelace","emoji":"✓"}',
    expectType: 'text/plain;charset=UTF-8',
  },
  {
    name: 'ArrayBuffer',
    make: () => enc.encode('array buffer').buffer as ArrayBuffer,
    expectText: 'array buffer',
    expectType: null,
  },
  {
    name: 'Uint8Array',
    make: () => enc.encode('bytes ✓'),
    expectText: 'bytes ✓',
    expectType: null,
  },
  {
    name: 'Uint8Array view with offset',
    make: () => enc.encode('..view..').subarray(2, 6),
    expectText: 'view',
    expectType: null,
  },
  {
    name: 'DataView',
    make: () => new DataView(enc.encode('xdatavx').buffer as ArrayBuffer, 1, 5),
    expectText: 'datav',
    expectType: null,
  },
  {
    name: 'Blob',
    make: () => new Blob(['{"blob":true}'], { type: 'application/json' }),
    expectText: '{"blob":true}',
    expectType: 'application/json',
  },
  {
    name: 'File',
    make: () => new File(['file text'], 'a.txt', { type: 'text/plain' }),
    expectText: 'file text',
    expectType: 'text/plain',
  },
  {
    name: 'URLSearchParams',
    make: () => new URLSearchParams({ user: 'Bjarne Stroustrup', lang: 'c++', star: '*' }),
    expectText: 'user=Bjarne+Stroustrup&lang=c%2B%2B&star=*',
    expectType: 'application/x-www-form-urlencoded;charset=UTF-8',
  },
  {
    name: 'FormData',
    make: () => {
      const form = new FormData();
      form.append('name', 'Ada');
      form.append('file', new Blob(['csv,data'], { type: 'text/csv' }), 'data.csv');
      return form;
    },
    expectText: 'csv,data',
    expectType: 'multipart/form-data; boundary=',
  },
  {
    name: 'ReadableStream',
    make: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(enc.encode('chunk one, '));
          controller.enqueue(enc.encode('chunk two'));
          controller.close();
        },
      }),
    stream: true,
    expectText: 'chunk one, chunk two',
    expectType: null,
  },
];

export interface UrlCase {
  readonly name: string;
  /** Path and query to append to the origin. */
  readonly target: string | (() => string);
  /** Decoded query parameters the server must see (in order). */
  readonly params?: ReadonlyArray<readonly [string, string]>;
}

export const URL_CASES: readonly UrlCase[] = [
  { name: 'spaces in the path', target: '/prod/my item/a b' },
  { name: 'unicode path', target: '/prod/ünïcödé/日本' },
  { name: '+ * ~ in the path', target: '/prod/a+b/c*d/e~f' },
  { name: '%2F in a path segment', target: '/prod/a%2Fb/c' },
  { name: '// and dot segments', target: '/prod//double///slash/./x/../y' },
  {
    name: 'spaces and unicode in the query',
    target: '/prod/q?name=Ada Lovelace&city=Zürich',
    params: [
      ['name', 'Ada Lovelace'],
      ['city', 'Zürich'],
    ],
  },
  { name: 'a raw + in the query means a space', target: '/prod/q?q=a+b', params: [['q', 'a b']] },
  { name: '%2B in the query is a plus', target: '/prod/q?lang=c%2B%2B', params: [['lang', 'c++']] },
  {
    name: '* and ~ in the query',
    target: '/prod/q?star=*&tilde=~',
    params: [
      ['star', '*'],
      ['tilde', '~'],
    ],
  },
  { name: '%2F in the query', target: '/prod/q?path=a%2Fb', params: [['path', 'a/b']] },
  {
    name: 'repeated keys, unsorted',
    target: '/prod/q?b=2&a=3&a=1',
    params: [
      ['b', '2'],
      ['a', '3'],
      ['a', '1'],
    ],
  },
  {
    name: 'empty values and a name without =',
    target: '/prod/q?empty=&flag',
    params: [
      ['empty', ''],
      ['flag', ''],
    ],
  },
  {
    name: 'a query built with URLSearchParams',
    target: () => `/prod/q?${new URLSearchParams({ user: 'Bjarne Stroustrup', lang: 'c++' })}`,
    params: [
      ['user', 'Bjarne Stroustrup'],
      ['lang', 'c++'],
    ],
  },
];

export const targetOf = (c: UrlCase): string =>
  typeof c.target === 'string' ? c.target : c.target();

/** Decodes a query as RFC 3986 (a `+` stays a plus): what a strict server reads. */
export function strictParams(query: string): Array<[string, string]> {
  if (query === '') return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    return [decodeURIComponent(name), decodeURIComponent(value)];
  });
}
