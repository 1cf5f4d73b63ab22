/**
 * What a front door sends back for the function's result, as AWS documents it: payload 1.0 (REST
 * APIs) needs `statusCode` and takes `headers`, `multiValueHeaders` (they win on the same name),
 * `body` and `isBase64Encoded`; payload 2.0 (HTTP APIs, function URLs) also takes `cookies`
 * (each a `set-cookie`) and infers a 200 JSON answer from a result without `statusCode`.
 */
import { fromBase64 } from './base64.js';
import type { EmulatedService } from './contract.js';

/** The HTTP answer made of a function's result. */
export interface LambdaHttpResponse {
  readonly status: number;
  /** Response headers (names as the function gave them), repeated values joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** One `set-cookie` header each. */
  readonly cookies: readonly string[];
  readonly body: Uint8Array;
}

const encoder = new TextEncoder();

/**
 * The front door's answer when the function fails or returns what it cannot map: API Gateway's
 * 502 `{"message": "Internal server error"}` (documented: "If the function output is of a
 * different format, API Gateway returns a 502 Bad Gateway error response"; the body is reported,
 * aws/aws-lambda-go#72, serverless/serverless#8671);
 * for a function URL, 502 `Internal Server Error` (emulator choice: not captured).
 */
export function badGateway(emulate: EmulatedService): LambdaHttpResponse {
  const apiGateway = emulate !== 'lambda-url';
  return {
    status: 502,
    headers: { 'content-type': apiGateway ? 'application/json' : 'text/plain' },
    cookies: [],
    body: encoder.encode(
      apiGateway ? '{"message": "Internal server error"}' : 'Internal Server Error',
    ),
  };
}

type Scalar = boolean | number | string;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function structured(
  result: Record<string, unknown>,
  emulate: EmulatedService,
): LambdaHttpResponse | undefined {
  const status = Number(result.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  const headers = new Map<string, { name: string; values: string[] }>();
  const cookies: string[] = [];
  const put = (name: string, values: readonly Scalar[], replace: boolean) => {
    const key = name.toLowerCase();
    if (key === 'set-cookie') {
      cookies.push(...values.map(String));
      return;
    }
    const entry = headers.get(key);
    if (entry === undefined || replace) headers.set(key, { name, values: values.map(String) });
    else entry.values.push(...values.map(String));
  };
  if (isRecord(result.headers)) {
    for (const [name, value] of Object.entries(result.headers)) put(name, [value as Scalar], false);
  }
  if (emulate === 'apigateway-rest' && isRecord(result.multiValueHeaders)) {
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (Array.isArray(values)) put(name, values as Scalar[], true);
    }
  }
  if (emulate !== 'apigateway-rest' && Array.isArray(result.cookies)) {
    cookies.push(...result.cookies.map(String));
  }
  const raw = result.body;
  const text =
    raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw);
  let body: Uint8Array;
  try {
    body = result.isBase64Encoded === true ? fromBase64(text) : encoder.encode(text);
  } catch {
    return undefined; // isBase64Encoded with a body that is not base64
  }
  const out: Record<string, string> = {};
  for (const { name, values } of headers.values()) out[name] = values.join(', ');
  return { status, headers: out, cookies, body };
}

/** The HTTP answer for a function's result on this front door. */
export function mapResult(result: unknown, emulate: EmulatedService): LambdaHttpResponse {
  if (isRecord(result) && 'statusCode' in result) {
    return structured(result, emulate) ?? badGateway(emulate);
  }
  if (emulate === 'apigateway-rest') return badGateway(emulate); // 1.0 needs statusCode
  // 2.0 inference: 200, application/json, the result as the body. A string is the body as it is
  // on an HTTP API (API Gateway developer guide's table) and JSON-quoted on a function URL (the
  // Lambda developer guide shows `"Hello, world!"` with its quotes and content-length 15).
  const body =
    typeof result === 'string' && emulate === 'apigateway-http'
      ? result
      : JSON.stringify(result ?? null);
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: encoder.encode(body),
  };
}
