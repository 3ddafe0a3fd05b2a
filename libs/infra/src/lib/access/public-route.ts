import { SetMetadata } from '@nestjs/common';

/** Metadata key of `@PublicRoute()`. */
export const PUBLIC_ROUTE = 'publicRoute';

/**
 * Marks a controller or handler as answering without a token (health probes, `/metrics` for the scraper, the
 * OpenAPI document); everything else behind an access guard needs one.
 */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
