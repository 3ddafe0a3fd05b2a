import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';

/** One request the endpoint received, as its answer rule sees it: the record's seq and how many times its key came. */
export interface DeliveryRequest {
  runId: string;
  seq: number;
  /** 1 for the first request with this idempotency key, 2 for the next... */
  attempt: number;
}

/** What the endpoint answers: a status and, for a 429 or 503, the `Retry-After` in seconds. */
export interface EndpointAnswer {
  status: number;
  retryAfterSeconds?: number;
}

/** Never answering, so that the sender's timeout decides (the connection closes when the endpoint stops). */
export const NO_ANSWER = 'no answer';

/**
 * How the endpoint answers a request for a record it has not accepted yet: a refusal, no answer at all, or null to
 * accept it (200).
 */
export type AnswerRule = (request: DeliveryRequest) => EndpointAnswer | typeof NO_ANSWER | null;

/** What one run delivered to the endpoint. */
export interface RunDeliveries {
  /** Each record accepted (answered 2xx), by seq, with the body it came with (parsed). */
  accepted: Map<number, unknown>;
  /** The headers each accepted record came with, by seq. */
  headers: Map<number, IncomingHttpHeaders>;
  /** Requests for a record already accepted, answered 200 without taking it again: what idempotency keys are for. */
  repeated: number;
  /** Requests that were not verifiably of this run (bad signature, key and webhook id apart), answered 401. */
  rejected: string[];
  requests: number;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

const KEY_PATTERN = /^([0-9a-z]+):(\d+)$/;

/**
 * A user's endpoint for `http` runs, on a port of this machine: verifies every request's Standard Webhooks signature
 * with its run's secret, dedupes by `Idempotency-Key` (a record accepted once is answered 200 again and not taken
 * twice) and answers as `answer` says. A request may arrive before the test has read its run's secret from the 201:
 * it waits for `trust` rather than failing.
 */
export class ReceivingEndpoint {
  answer: AnswerRule = () => null;
  private server: Server | null = null;
  private readonly secrets = new Map<string, Deferred<string>>();
  private readonly runs = new Map<string, RunDeliveries>();
  /** Requests per idempotency key. */
  private readonly attempts = new Map<string, number>();

  constructor(readonly port: number) {}

  /** Where a run's `target.url` points. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/deliveries`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.receive(req, Buffer.concat(chunks).toString()).then(
          (outcome) => outcome !== NO_ANSWER && answer(res, outcome.status, outcome.retryAfterSeconds),
          (error: unknown) => answer(res, 500, undefined, String(error)),
        );
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /** The run's signing secret (the 201's `secret`), which its requests are verified with. */
  trust(runId: string, secret: string): void {
    this.secretOf(runId).resolve(secret);
  }

  /** What the run delivered so far. */
  deliveries(runId: string): RunDeliveries {
    let deliveries = this.runs.get(runId);
    if (!deliveries) {
      deliveries = { accepted: new Map(), headers: new Map(), repeated: 0, rejected: [], requests: 0 };
      this.runs.set(runId, deliveries);
    }
    return deliveries;
  }

  private async receive(req: IncomingMessage, body: string): Promise<EndpointAnswer | typeof NO_ANSWER> {
    const key = header(req, 'idempotency-key');
    const match = KEY_PATTERN.exec(key);
    if (!match) return { status: 400 };
    const [, runId, seqText] = match;
    const deliveries = this.deliveries(runId);
    deliveries.requests++;
    const secret = await this.secretOf(runId).promise;
    let record: unknown;
    try {
      if (header(req, 'webhook-id') !== key) throw new Error(`webhook-id ${header(req, 'webhook-id')} is not the idempotency key`);
      record = new Webhook(secret).verify(body, {
        'webhook-id': header(req, 'webhook-id'),
        'webhook-timestamp': header(req, 'webhook-timestamp'),
        'webhook-signature': header(req, 'webhook-signature'),
      });
    } catch (error) {
      deliveries.rejected.push(`${key}: ${(error as Error).message}`);
      return { status: 401 };
    }
    const seq = Number(seqText);
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    if (deliveries.accepted.has(seq)) {
      deliveries.repeated++;
      return { status: 200 };
    }
    const refusal = this.answer({ runId, seq, attempt });
    if (refusal !== null) return refusal;
    deliveries.accepted.set(seq, record);
    deliveries.headers.set(seq, req.headers);
    return { status: 200 };
  }

  private secretOf(runId: string): Deferred<string> {
    let deferred = this.secrets.get(runId);
    if (!deferred) {
      let resolve!: (secret: string) => void;
      const promise = new Promise<string>((r) => (resolve = r));
      deferred = { promise, resolve };
      this.secrets.set(runId, deferred);
    }
    return deferred;
  }
}

const header = (req: IncomingMessage, name: string): string => {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

function answer(res: ServerResponse, status: number, retryAfterSeconds: number | undefined, error?: string): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  res.writeHead(status, headers).end(JSON.stringify(status < 300 ? { ok: true } : { status, ...(error && { error }) }));
}
