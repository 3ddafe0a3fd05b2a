import {
  BadRequestException,
  HttpException,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { json } from 'body-parser';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { DATASET_CONTENT_TYPES } from '@app/contracts';
import { depthOver } from './json-depth';

/** The largest request body the api reads, 1 MB; its largest request, a run's definition, is under 200 bytes. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
/** How deeply a body may nest; the api's requests are flat, and deeper ones would make validation recurse. */
export const JSON_BODY_MAX_DEPTH = 32;
/** The one route whose body is not JSON: a dataset upload, which its handler reads as it arrives (never buffered here). */
const UPLOAD_ROUTE = { method: 'POST', path: '/api/datasets' } as const;
/** Keys that would reach an object's prototype once copied onto a DTO, so are never taken as fields. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What the checks read of an Express request, once the JSON parser has seen it. */
export interface ParsedRequest {
  method?: string;
  /** The path without the query (Express's `request.path`). */
  path?: string;
  headers: IncomingHttpHeaders;
  query: unknown;
  body?: unknown;
}

/**
 * The api's one body parser: `application/json` (an object, UTF-8, gzip/deflate/br or none, at most 1 MB), and a clear
 * 4xx for every request it refuses, before the route's pipes and handler see the request. A guard, registered after
 * the throttle and the token check, so that a client without a valid token is answered 401 whatever its body, and
 * never has one read. Nest's own parsers are off (`bodyParser: false`).
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  private readonly parse = json({ limit: JSON_BODY_LIMIT_BYTES, strict: false });

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<ParsedRequest & IncomingMessage>();
    await new Promise<void>((done, fail) =>
      this.parse(request, http.getResponse<ServerResponse>(), (error?: unknown) =>
        error ? fail(toHttpException(error) ?? error) : done(),
      ),
    );
    const refused = checkRequest(request);
    if (refused) throw refused;
    return true;
  }
}

/**
 * Why a request the JSON parser has seen is refused, or nothing: a body that is not JSON (415; but for a CSV or
 * NDJSON upload to `POST /api/datasets`, left unread for its handler), a JSON body that is not an object (400),
 * nested too deeply (400), or a forbidden key in the body or the query (400, answered like any unknown field).
 */
export function checkRequest(request: ParsedRequest): HttpException | undefined {
  const inQuery = forbiddenKey(request.query);
  if (inQuery) return unknownField(inQuery);
  if (!hasBody(request)) return undefined;
  const type = request.headers['content-type'];
  if (isUploadRoute(request)) {
    if (isUploadType(type)) return undefined;
    if (!isJsonType(type)) return new UnsupportedMediaTypeException(`content-type must be ${uploadTypes()}, not ${describeType(type)}`);
  }
  if (!isJsonType(type)) {
    return new UnsupportedMediaTypeException(`content-type must be application/json, not ${describeType(type)}`);
  }
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return new BadRequestException('request body must be a JSON object');
  }
  const tooDeep = depthOver(body, JSON_BODY_MAX_DEPTH);
  if (tooDeep) return new BadRequestException(`request body must not nest deeper than ${JSON_BODY_MAX_DEPTH} levels`);
  const inBody = forbiddenKey(body);
  return inBody ? unknownField(inBody) : undefined;
}

/** The exception a body parser's error (an `http-errors` error with a `type`) stands for, with a clear message. */
export function toHttpException(error: unknown): HttpException | undefined {
  if (error instanceof HttpException) return error;
  if (!isParserError(error)) return undefined;
  switch (error.type) {
    case 'entity.too.large':
      return new PayloadTooLargeException(`request body must be at most ${JSON_BODY_LIMIT_BYTES / 1024 / 1024} MB`);
    case 'entity.parse.failed':
      return new BadRequestException(`request body is not valid JSON: ${error.message}`);
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException(`unsupported charset "${error.charset ?? ''}": the body must be UTF-8 JSON`);
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeException(
        `unsupported content-encoding "${error.encoding ?? ''}": send the body as is, or gzip, deflate or br`,
      );
    default:
      // Every other 4xx body-parser gives here is a 400: a body that does not decode as its content-encoding
      // says, a length that does not match its content-length, a request aborted while it was read.
      return new BadRequestException(`request body could not be read: ${error.message}`);
  }
}

interface ParserError {
  type?: string;
  status: number;
  message: string;
  charset?: string;
  encoding?: string;
}

/**
 * A 4xx from body-parser: an `http-errors` error (`expose` is set on its 4xx), with a `type` or, when the body
 * did not decode as its content-encoding says, the decoder's error. A 5xx stays a 500: it is the server's fault.
 */
function isParserError(error: unknown): error is ParserError {
  if (typeof error !== 'object' || error === null) return false;
  const { status, expose } = error as Partial<ParserError> & { expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

/** Whether the request carries a body: a length above 0, or chunks. */
function hasBody(request: ParsedRequest): boolean {
  const { 'content-length': length, 'transfer-encoding': chunked } = request.headers;
  return chunked !== undefined || Number(length) > 0;
}

/** The upload route, matched as Express matches routes: in any case, with a trailing slash or not. */
function isUploadRoute(request: ParsedRequest): boolean {
  return request.method === UPLOAD_ROUTE.method && request.path?.toLowerCase().replace(/\/+$/, '') === UPLOAD_ROUTE.path;
}

/** A type the upload route reads itself (CSV or NDJSON), with or without parameters. */
function isUploadType(type: string | undefined): boolean {
  return Object.keys(DATASET_CONTENT_TYPES).includes(type?.split(';')[0].trim().toLowerCase() ?? '');
}

const uploadTypes = (): string => Object.keys(DATASET_CONTENT_TYPES).join(' or ');

const describeType = (type: string | undefined): string => (type ? `"${type}"` : 'missing');

/** `application/json`, with or without parameters: the one type the parser reads. */
function isJsonType(type: string | undefined): boolean {
  return type?.split(';')[0].trim().toLowerCase() === 'application/json';
}

/** The path (`a.b.__proto__`) of the first forbidden key anywhere in `value`, if any. */
function forbiddenKey(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, path] = next;
    if (typeof item !== 'object' || item === null) continue;
    for (const key of Object.keys(item)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return at;
      stack.push([(item as Record<string, unknown>)[key], at]);
    }
  }
  return undefined;
}

/** The 400 the validation pipe gives any unknown field. */
function unknownField(path: string): BadRequestException {
  return new BadRequestException([`property ${path} should not exist`]);
}
