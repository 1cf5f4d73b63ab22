import { describe, expect, it } from 'vitest';
import { HOST_PATTERN_CASES } from '../test/host-pattern-cases.js';
import { compileHostPattern, hostPatternProblem, matchesHostPattern } from './host-pattern.js';

describe('compileHostPattern', () => {
  it.each(HOST_PATTERN_CASES)('%s vs %s: %s', (pattern, host, expected) => {
    const test = compileHostPattern(pattern);
    expect(test(host)).toBe(expected);
    expect(test(host)).toBe(expected); // stateless: a /g RegExp does not alternate
    expect(matchesHostPattern(pattern, host.toUpperCase())).toBe(expected);
  });
});

describe('hostPatternProblem', () => {
  it.each([
    [
      'https://abc.execute-api.eu-west-1.amazonaws.com/prod',
      "is a URL: pass its host, 'abc.execute-api.eu-west-1.amazonaws.com'",
    ],
    ['http://localhost:8080', "is a URL: pass its host, 'localhost:8080'"],
    ['api.example.com/prod', 'is not a host (no path, query, spaces or user info)'],
    ['api.example.com ', 'is not a host (no path, query, spaces or user info)'],
    ['', 'is empty'],
  ])('%j: %s', (pattern, problem) => {
    expect(hostPatternProblem(pattern)).toBe(problem);
  });

  it.each(['api.example.com', '*.execute-api.*.amazonaws.com', 'localhost:*', '[::1]:8080'])(
    'accepts %s',
    (pattern) => {
      expect(hostPatternProblem(pattern)).toBeUndefined();
      expect(hostPatternProblem(/x/)).toBeUndefined();
    },
  );
});
