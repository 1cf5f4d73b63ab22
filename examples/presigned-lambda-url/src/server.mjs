// FUNCTION_URL=https://{url-id}.lambda-url.{region}.on.aws/ node src/server.mjs
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { presignReportUrl } from './presign-report-url.mjs';

/**
 * Serves the static page at `/` and presigned report URLs at `/report-url?user=...`.
 * Your own authentication of the page's user belongs here, before anything is presigned.
 *
 * @param {string} functionUrl
 * @param {import('@sigv4/fetch').PresignUrlOptions} [presignOptions]
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>} true when it answered
 */
export function pageHandler(functionUrl, presignOptions = {}) {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://page.invalid');
    if (url.pathname === '/report-url') {
      const user = url.searchParams.get('user') ?? 'anonymous';
      const signed = await presignReportUrl(functionUrl, { user }, presignOptions);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ url: signed }));
      return true;
    }
    if (url.pathname === '/') {
      const page = await readFile(new URL('../public/index.html', import.meta.url));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      return true;
    }
    return false;
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const functionUrl = process.env.FUNCTION_URL;
  if (!functionUrl) {
    console.error(
      'Set FUNCTION_URL=https://{url-id}.lambda-url.{region}.on.aws/ and AWS credentials.',
    );
    process.exit(1);
  }
  const handle = pageHandler(functionUrl);
  createServer((req, res) => {
    handle(req, res)
      .then((answered) => answered || res.writeHead(404).end())
      .catch((error) => res.writeHead(500).end(String(error)));
  }).listen(8080, '127.0.0.1', () => console.log('http://127.0.0.1:8080/'));
}
