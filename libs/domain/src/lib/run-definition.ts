import {
  DEFAULT_PROCESSOR,
  HASH_ROUNDS_DEFAULT,
  PROCESSOR_LIMITS,
  RECORD_PROCESSORS,
  RESERVED_DELIVERY_HEADERS,
  type CreateRunRequest,
  type HttpTarget,
  type HttpTargetRequest,
  type ProcessorName,
  type RunNotification,
} from '@app/contracts';
import { allowedDestination } from './destination-allowlist';

/** What a run does with each record, as `POST /api/runs` asked for it, checked and with its defaults. */
export interface RunDefinition {
  processor: ProcessorName;
  datasetId: string | null;
  target: HttpTarget | null;
  rounds: number | null;
  notify: RunNotification | null;
}

export type DefinitionCheck = { ok: true; definition: RunDefinition } | { ok: false; error: string };

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Connection-level headers, which an HTTP client manages itself and refuses to take from a caller. */
const HOP_BY_HOP_HEADERS = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection'];
/** A header value without control characters (no CR or LF: no header injection). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The rules between the fields of a new run (a 400 naming the field when one is broken): `target` for, and only
 * for, `http`; `rounds` only for `hash`; over a dataset, a processor that takes any record (`http`, `hash`); every
 * URL within the destination allowlist.
 */
export function checkRunDefinition(request: CreateRunRequest, allowlist: readonly string[]): DefinitionCheck {
  const datasetId = request.datasetId ?? null;
  const processor = request.processor ?? DEFAULT_PROCESSOR;
  if (datasetId !== null && !(RECORD_PROCESSORS as readonly string[]).includes(processor)) {
    return fail(
      `processor must be one of ${RECORD_PROCESSORS.join(', ')} for a run over a dataset (${processor} computes on generated numbers)`,
    );
  }
  if (processor === 'http' && request.target === undefined) return fail('target is required for the http processor');
  if (processor !== 'http' && request.target !== undefined) return fail('target is only for the http processor');
  if (processor !== 'hash' && request.rounds !== undefined) return fail('rounds is only for the hash processor');
  const target = request.target === undefined ? { ok: true as const, target: null } : resolveHttpTarget(request.target, allowlist);
  if (!target.ok) return target;
  let notify: RunNotification | null = null;
  if (request.notify !== undefined) {
    const allowed = allowedDestination(request.notify.url, allowlist, 'notify.url');
    if (!allowed.ok) return fail(allowed.reason);
    notify = { url: request.notify.url, status: 'pending', attempts: 0, lastError: null, deliveredAt: null };
  }
  const rounds = processor === 'hash' ? (request.rounds ?? HASH_ROUNDS_DEFAULT) : null;
  return { ok: true, definition: { processor, datasetId, target: target.target, rounds, notify } };
}

type TargetCheck = { ok: true; target: HttpTarget } | { ok: false; error: string };

/** An `http` run's target with its defaults, once its URL is allowed and its headers are ones a request can carry. */
export function resolveHttpTarget(request: HttpTargetRequest, allowlist: readonly string[]): TargetCheck {
  const allowed = allowedDestination(request.url, allowlist);
  if (!allowed.ok) return fail(allowed.reason);
  const headers = request.headers ?? {};
  const headersError = targetHeadersError(headers);
  if (headersError !== null) return fail(headersError);
  return {
    ok: true,
    target: {
      url: request.url,
      method: request.method ?? 'POST',
      headers,
      timeoutMs: request.timeoutMs ?? PROCESSOR_LIMITS.timeoutMsDefault,
      concurrency: request.concurrency ?? PROCESSOR_LIMITS.concurrencyDefault,
    },
  };
}

/**
 * What is wrong with the headers a run asks to add to each delivery (the first thing found), or null: too many, a
 * name that is no header name, a header the platform sets or the HTTP client manages, a value with control
 * characters, or longer than allowed. The api refuses them with this message, and the dashboard checks before sending.
 */
export function targetHeadersError(headers: Readonly<Record<string, string>>): string | null {
  const names = Object.keys(headers);
  if (names.length > PROCESSOR_LIMITS.headersMax) return `target.headers may hold at most ${PROCESSOR_LIMITS.headersMax} headers`;
  for (const name of names) {
    const value = headers[name];
    if (!HEADER_NAME.test(name)) return `target.headers: ${JSON.stringify(name)} is not a valid header name`;
    if ((RESERVED_DELIVERY_HEADERS as readonly string[]).includes(name.toLowerCase())) {
      return `target.headers: ${name} is set by the platform and cannot be replaced`;
    }
    if (HOP_BY_HOP_HEADERS.includes(name.toLowerCase())) return `target.headers: ${name} is a connection header a request cannot set`;
    if (typeof value !== 'string' || !HEADER_VALUE.test(value))
      return `target.headers: ${name} must be a string without control characters`;
    if (name.length + value.length > PROCESSOR_LIMITS.headerBytesMax) {
      return `target.headers: ${name} is longer than ${PROCESSOR_LIMITS.headerBytesMax} bytes`;
    }
  }
  return null;
}

const fail = (error: string) => ({ ok: false as const, error });
