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
 * `answer`, and when it is a refusal while the client may still be sending (the body was not read to its end),
 * closes the connection after the answer instead of reading and discarding up to gigabytes to keep it alive.
 */
export async function closingUnreadUpload<T>(request: IncomingMessage, response: ServerResponse, answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    if (!request.complete && !response.headersSent) response.setHeader('Connection', 'close');
    throw error;
  }
}
