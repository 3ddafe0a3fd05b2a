import { PayloadTooLargeException } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An upload as the service reads it: its declared type, encoding and length, and its body as the chunks arrive. */
export interface Upload {
  contentType: string | undefined;
  contentEncoding: string | undefined;
  /** `Content-Length`, when the client sent one (a chunked upload has none). */
  contentLength: number | undefined;
  chunks: AsyncIterable<Uint8Array>;
}

/**
 * The upload of a request, read as it arrives. Stopping early (a malformed line, a limit) leaves the request
 * open rather than destroying it, so that the refusal can still be answered on its connection.
 */
export function uploadOf(request: IncomingMessage): Upload {
  const length = request.headers['content-length'];
  return {
    contentType: request.headers['content-type'],
    contentEncoding: request.headers['content-encoding'],
    contentLength: length === undefined ? undefined : Number(length),
    chunks: request.iterator({ destroyOnReturn: false }),
  };
}

/**
 * How long, at most, the rest of a refused upload is read and thrown away. A client still sending when the refusal
 * comes gets a broken pipe instead of the answer if the connection closes under it; after this, it does anyway.
 */
export const UNREAD_UPLOAD_DISCARD_MS = 10_000;

/**
 * `answer`, and when it is a refusal while the client may still be sending (the body was not read to its end): a 413
 * closes the connection after the answer (the client sends more than will ever be read); any other refusal reads and
 * discards the rest for up to {@link UNREAD_UPLOAD_DISCARD_MS}, so that its sender finishes and reads the answer.
 */
export async function settlingUnreadUpload<T>(request: IncomingMessage, response: ServerResponse, answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    if (!request.complete && !response.headersSent) {
      if (error instanceof PayloadTooLargeException) response.setHeader('Connection', 'close');
      else discardRest(request, response, UNREAD_UPLOAD_DISCARD_MS);
    }
    throw error;
  }
}

function discardRest(request: IncomingMessage, response: ServerResponse, maxMs: number): void {
  const hangUp = () => request.socket.destroy();
  const deadline = setTimeout(() => (response.writableFinished ? hangUp() : response.once('finish', hangUp)), maxMs);
  deadline.unref();
  request.once('close', () => clearTimeout(deadline));
  request.resume();
}
