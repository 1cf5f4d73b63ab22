import { invalidOption } from './invalid-option.js';

/**
 * Throws `ERR_SIGV4_INVALID_OPTION` for a key of `options` that is not in `known`, with the
 * closest known key when there is one (`servce` -> "did you mean `service`?"): in JavaScript a
 * misspelt option would otherwise be ignored, and its default used without a word.
 */
export function checkKnownOptions(
  options: object,
  known: ReadonlySet<string>,
  owner: string,
): void {
  for (const key of Object.keys(options)) {
    if (known.has(key)) continue;
    const near = closest(key, known);
    throw invalidOption(
      owner,
      key,
      `one of its options; there is no such option${near ? ` (did you mean \`${near}\`?)` : ''}`,
    );
  }
}

/** The known key nearest to `key` (case aside, at most 2 edits away), if any. */
function closest(key: string, known: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
