// What `@sigv4/core/internal` exports on every runtime: the one contract between core and the
// sibling packages (@sigv4/fetch, @sigv4/axios, the CLI), besides `createPipeline`, which each
// entry binds to its own signer and hash (internal.ts, internal.node.ts). Not covered by semver.
//
// An adapter translates its client's world and calls `createPipeline(options, adapter).send()`;
// what it needs for that translation is here, and nothing else.
export { withRequestContext } from './errors.js';
export { compileHostList } from './host-pattern.js';
export { normalizeMethod } from './method.js';
export { redactUrl } from './redact.js';
export { inferScopeFromHost } from './resolve-signing-scope.js';
export { linkSignals, raceSignal } from './transport/abort.js';
export { createByteCollector } from './transport/byte-collector.js';
export type { Pipeline, PipelineCall } from './transport/pipeline.js';
export { type BodyBytes, readBody } from './transport/read-body.js';
export type {
  RedirectStep,
  Transport,
  TransportRequest,
  TransportResponse,
} from './transport/send-signed.js';
export type { TransportPolicy } from './transport/signing-options.js';
export { parseRequestUrl } from './wire-url.js';

/**
 * `peekStream` (transport/peek-stream.ts), loaded on first use: only the 403 that may be AWS's
 * clock-skew answer is peeked at, so a page whose calls never see one never loads it.
 */
export const peekStream: typeof import('./transport/peek-stream.js').peekStream = (stream, caps) =>
  import('./rare-paths.js').then((lazy) => lazy.peekStream(stream, caps));
