import { describe, expect, it } from 'vitest';
import { encodeQueryObject, toStrictQuery } from './strict-query.js';

describe('toStrictQuery', () => {
  it.each([
    [
      'a raw + is a space (URLSearchParams, forms, axios)',
      '?q=Bjarne+Stroustrup',
      'q=Bjarne%20Stroustrup',
    ],
    ['a plus sent as %2B stays a plus', 'tag=c%2B%2B', 'tag=c%2B%2B'],
    ['RFC 3986 reserved sub-delims are encoded', "x=*!'()", 'x=%2A%21%27%28%29'],
    ['unreserved characters are left alone', 'k=-._~AZaz09', 'k=-._~AZaz09'],
    ['unicode is UTF-8 percent-encoded, upper-case hex', 'ሴ=é', '%E1%88%B4=%C3%A9'],
    ['lower-case escapes become upper-case', 'k=%2f%e1%88%b4', 'k=%2F%E1%88%B4'],
    ['order and repeated keys are kept', 'b=2&a=1&b=1', 'b=2&a=1&b=1'],
    ['a name without = keeps none; an empty value keeps its =', 'flag&empty=', 'flag&empty='],
    ['empty pairs are dropped', 'a=1&&b=2&', 'a=1&b=2'],
    ['an invalid escape is kept as text and encoded', 'k=%zz%', 'k=%25zz%25'],
    ['an escape that is not UTF-8 keeps its byte (not %25E9)', 'name=caf%E9', 'name=caf%E9'],
    [
      'bytes that are not UTF-8 keep their bytes, upper-cased',
      'a=%ff%fe&b=x%e9y',
      'a=%FF%FE&b=x%E9y',
    ],
    ['raw text around such escapes is encoded as UTF-8', 'k=%E9é(', 'k=%E9%C3%A9%28'],
    ['a space in a WHATWG-serialised query stays %20', 'q=a%20b', 'q=a%20b'],
    ['= inside a value is encoded', 'k=a=b', 'k=a%3Db'],
    ['the empty query stays empty', '?', ''],
    ['a strict query is returned as it is', '?limit=10&start=a&k=%2F', 'limit=10&start=a&k=%2F'],
    ['an empty name keeps its =', '=x&a', '=x&a'],
    ['a trailing & on a strict query is dropped', 'a=1&', 'a=1'],
    ['a leading & is dropped', '&a=1', 'a=1'],
    ['a second = in a strict-looking pair is encoded', 'a=1&k=a=b', 'a=1&k=a%3Db'],
  ])('%s', (_, input, expected) => {
    expect(toStrictQuery(input)).toBe(expected);
  });

  it('is idempotent: rewriting strict output changes nothing', () => {
    const once = toStrictQuery('a=1+2&b=%2B&c=ሴ&d=*&e=~&f=%2F&g');
    expect(toStrictQuery(once)).toBe(once);
  });

  it('leaves nothing the WHATWG URL parser would re-encode', () => {
    const strict = toStrictQuery('q=a b+c&x="<>`{}|^\'');
    const url = new URL(`https://h.example/?${strict}`);
    expect(url.search.slice(1)).toBe(strict);
  });
});

describe('encodeQueryObject', () => {
  it('encodes names and values strictly, arrays repeat the name, undefined is left out', () => {
    expect(
      encodeQueryObject({
        user: 'Bjarne Stroustrup',
        tag: ['a+b', 'c'],
        n: 1,
        ok: true,
        skip: undefined,
      }),
    ).toBe('user=Bjarne%20Stroustrup&tag=a%2Bb&tag=c&n=1&ok=true');
  });
});
