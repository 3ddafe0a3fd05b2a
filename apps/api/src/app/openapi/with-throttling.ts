import type { OpenAPIObject } from '@nestjs/swagger';

/** The operations of a path item, by method (its other keys are parameters, a summary...). */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The document with a 429 on every operation, answered with the body of `errorSchemaRef`: the throttler guards
 * every route (`AccessModule`), so this is the one answer no route's own decorators need to say.
 */
export function withThrottling(document: OpenAPIObject, errorSchemaRef: string): OpenAPIObject {
  const tooMany = {
    description: 'more requests from this client than THROTTLE_PER_SECOND allows; try again in a second',
    content: { 'application/json': { schema: { $ref: errorSchemaRef } } },
  };
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([key, operation]) =>
          (METHODS as readonly string[]).includes(key)
            ? [key, { ...operation, responses: { ...operation.responses, 429: tooMany } }]
            : [key, operation],
        ),
      ),
    ]),
  );
  return { ...document, paths };
}
