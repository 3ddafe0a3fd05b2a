import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { RUN_ID_PATTERN } from '@app/contracts';
import { BadRequestDto, ErrorDto } from '@app/contracts/dto';

// The error answers of the api's routes, one decorator per rule that gives them, so that each route's list of
// errors reads as the rules it is under. Every route can also answer 429 (the throttler guards them all): that one
// is added to every operation by `withThrottling`.

/** Behind the `AccessGuard` (every route not `@PublicRoute()`): the bearer token, 401 without a valid one. */
export const ApiGuarded = () =>
  applyDecorators(ApiBearerAuth(), ApiUnauthorizedResponse({ type: ErrorDto, description: 'no valid token (WWW-Authenticate: Bearer)' }));

/** A change: the viewer's read-only token gets 403. */
export const ApiChange = () => ApiForbiddenResponse({ type: ErrorDto, description: 'the read-only token cannot change anything' });

/** Validated input (a query, a body or the run id): 400 naming each bad or unknown field. */
export const ApiBadRequest = () =>
  ApiBadRequestResponse({ type: BadRequestDto, description: 'bad input, each bad or unknown field named' });

/** A JSON body (`JsonBodyGuard`): validated, at most 1 MB, `application/json` only. */
export const ApiJsonBody = () =>
  applyDecorators(
    ApiBadRequest(),
    ApiPayloadTooLargeResponse({ type: ErrorDto, description: 'the body is over 1 MB' }),
    ApiUnsupportedMediaTypeResponse({ type: ErrorDto, description: 'not UTF-8 application/json (gzip, deflate, br or none)' }),
  );

/** A route under `/api/runs/:id` (`RunIdPipe`, `RunLookup`): 400 for a malformed id, 404 for an unknown run. */
export const ApiRunById = () =>
  applyDecorators(
    ApiParam({ name: 'id', schema: { type: 'string', pattern: RUN_ID_PATTERN.source } }),
    ApiBadRequest(),
    ApiNotFoundResponse({ type: ErrorDto, description: 'no such run' }),
  );

/** A route of the latest run (`/api/run`): 404 before any run was started. */
export const ApiLatestRun = () => ApiNotFoundResponse({ type: ErrorDto, description: 'no run has been started yet' });

/** A change of a run's state (`RunsService.change`): 409 when the transition is impossible. */
export const ApiTransition = () =>
  ApiConflictResponse({ type: ErrorDto, description: 'impossible transition, or a total below what is already claimed (named)' });

/** A change that needs the hot state (`RunLookup.requireHot`): 503 while Redis is rebuilt after losing its data. */
export const ApiNeedsHotState = () =>
  ApiServiceUnavailableResponse({ type: ErrorDto, description: 'the run state is being rebuilt; try again in a few seconds' });
