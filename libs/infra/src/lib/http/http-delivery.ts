import { type DeliveryAttempt, parseRetryAfter } from '@app/domain';
import { StringDecoder } from 'node:string_decoder';
import { Agent, type Dispatcher, errors, request } from 'undici';
import { signedHeaders } from './webhook-signing';

/** How much of a response is kept (the result document shows it); the rest is never read. */
export const RESPONSE_BODY_LIMIT_BYTES = 2_048;

export interface HttpDeliveryLimits {
  /** Connections per origin; unlimited when absent. */
  connections?: number;
}

/** One delivery of one record. */
export interface DeliveryRequest {
  url: string;
  method: 'POST' | 'PUT';
  /** The user's own headers; they cannot replace the content type, the idempotency key or the signature. */
  headers?: Record<string, string>;
  /** JSON. */
  body: string;
  /** Bounds the whole exchange: connecting, the headers and the body. */
  timeoutMs: number;
  idempotencyKey: string;
  webhookId: string;
  secret: string;
}

/** The errors undici raises for its own deadlines, which may come before `timeoutMs`. */
const UNDICI_TIMEOUTS = [errors.ConnectTimeoutError, errors.HeadersTimeoutError, errors.BodyTimeoutError];

/**
 * Delivers records to users' endpoints through one connection pool per origin (one undici `Agent`). Redirects are
 * not followed (undici's `request` follows none): a 3xx comes back as a response. A failure to get an answer comes
 * back as `kind: 'error'`, never thrown.
 */
export class HttpDelivery {
  private readonly agent: Agent;

  constructor(limits: HttpDeliveryLimits = {}) {
    this.agent = new Agent({ connections: limits.connections });
  }

  async deliver(delivery: DeliveryRequest): Promise<DeliveryAttempt> {
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    const signal = AbortSignal.timeout(delivery.timeoutMs);
    try {
      const response = await request(delivery.url, {
        dispatcher: this.agent,
        method: delivery.method,
        headers: deliveryHeaders(delivery),
        body: delivery.body,
        signal,
      });
      const body = await readPrefix(response.body, RESPONSE_BODY_LIMIT_BYTES);
      return {
        kind: 'response',
        status: response.statusCode,
        latencyMs: latencyMs(),
        body,
        retryAfterMs: parseRetryAfter(response.headers['retry-after'], Date.now()),
      };
    } catch (error) {
      const timedOut = signal.aborted || UNDICI_TIMEOUTS.some((timeout) => error instanceof timeout);
      const message = signal.aborted ? `timed out after ${delivery.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
      return { kind: 'error', error: message, latencyMs: latencyMs(), timedOut };
    }
  }

  /** Waits for the requests in flight, then closes every connection. */
  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** The user's headers, less any (in any case) that would replace ours, then ours. */
function deliveryHeaders(delivery: DeliveryRequest): Record<string, string> {
  const ours: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': delivery.idempotencyKey,
    ...signedHeaders(delivery.secret, delivery.webhookId, Math.floor(Date.now() / 1_000), delivery.body),
  };
  const theirs = Object.entries(delivery.headers ?? {}).filter(([name]) => !Object.hasOwn(ours, name.toLowerCase()));
  return { ...Object.fromEntries(theirs), ...ours };
}

/**
 * The first `limit` bytes of a body as UTF-8 text, less a character cut in two at the end. Leaving the loop early
 * destroys the body, and with it the connection, so a huge or endless response costs no more than the limit.
 */
async function readPrefix(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return new StringDecoder('utf8').write(Buffer.concat(chunks).subarray(0, limit));
}
