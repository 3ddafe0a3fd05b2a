import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule } from '@nestjs/swagger';
import { ErrorDto } from '@app/contracts/dto';
import { withThrottling } from './with-throttling';

/** Swagger UI at `/api/docs`, the document at `/api/docs-json`: outside Nest's router, so no guard asks for a token. */
export const DOCS_PATH = 'api/docs';

/**
 * Serves the OpenAPI document of every route, generated from the controllers' decorators and the DTOs of
 * `@app/contracts/dto`. Built once, at start-up: the routes do not change while the api runs.
 */
export function useOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('rate-runner')
    .setDescription('Runs of records processed at a rate: create, pace, change and inspect them. SPEC.md is the contract.')
    .setVersion('1')
    // An opaque token, not the JWT the builder assumes by default.
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: undefined,
      description: 'API_TOKEN (operator) or API_READ_TOKEN (viewer: reads only)',
    })
    .build();
  const document = withThrottling(SwaggerModule.createDocument(app, config), getSchemaPath(ErrorDto));
  SwaggerModule.setup(DOCS_PATH, app, document, { raw: ['json'] });
}
