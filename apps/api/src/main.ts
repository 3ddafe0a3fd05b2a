import { ValidationPipe } from '@nestjs/common';
import { bootstrap } from '@app/infra';
import { AppModule } from './app/app.module';
import { loadApiConfig } from './app/api.config';
import { useAccessLog } from './app/http/access-log';
import { useHardening } from './app/http/hardening';
import { useJsonBody } from './app/http/json-body';
import { useOpenApi } from './app/openapi/openapi';

void bootstrap({
  name: 'api',
  loadConfig: () => loadApiConfig(process.env),
  module: (config) => AppModule.forRoot(config),
  globalPrefix: 'api',
  bodyParser: false,
  configure: (app, config) => {
    // First, so every request is logged, also those the throttle, the token check or the body parser answer.
    useAccessLog(app);
    useHardening(app, config);
    // Bodies are JSON objects of at most 1 MB; anything else is a 400, 413 or 415 before a route sees it.
    useJsonBody(app);
    // A 400 names each bad field once (unknown fields too); nothing reaches a handler unvalidated.
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true }));
    useOpenApi(app);
  },
});
