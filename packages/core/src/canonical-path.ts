import { escapeRfc3986, percentDecode } from './uri-escape.js';

export interface CanonicalPathOptions {
  /** Remove `.` and `..` segments and empty segments (`//`). Standard rules: yes; S3: no. */
  normalize: boolean;
  /**
   * `'double'`: URI-encode the path as sent once more (a wire `%20` becomes `%2520`), as every
   * service but S3 expects. `'single'`: decode each segment and encode it once (S3).
   */
  encoding: 'double' | 'single';
}

const NEEDS_NORMALIZING = /\/\/|\/\.\.?(?:\/|$)/;

/** Removes empty, `.` and `..` segments, keeping a leading and a trailing slash. */
export function normalizePathSegments(path: string): string {
  if (path.startsWith('/') && !NEEDS_NORMALIZING.test(path)) return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing =
    segments.length > 0 && (path.endsWith('/') || path.endsWith('/.') || path.endsWith('/..'));
  return `/${segments.join('/')}${trailing ? '/' : ''}`;
}

/**
 * The canonical URI of SigV4 for a path exactly as it goes on the wire.
 *
 * @example
 * canonicalPath('/prod/my%20item', { normalize: true, encoding: 'double' }) // '/prod/my%2520item'
 */
export function canonicalPath(path: string, options: CanonicalPathOptions): string {
  const source = path === '' ? '/' : path;
  const normalized = options.normalize ? normalizePathSegments(source) : source;
  if (options.encoding === 'double') return escapeRfc3986(normalized, true);
  return normalized
    .split('/')
    .map((segment) => escapeRfc3986(percentDecode(segment)))
    .join('/');
}
