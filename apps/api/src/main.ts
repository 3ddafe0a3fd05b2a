import { ValidationPipe } from '@nestjs/common';
import { Registry } from 'prom-client';
import { bootstrap } from '@app/infra';
import { AppModule } from './app/app.module';
import { loadApiConfig } from './app/api.config';
import { logAccess } from './app/http/access-log';
import { observeAnswers } from './app/http/answers';
import { useHardening } from './app/http/hardening';
import { timeRoutes } from './app/http/http-metrics';
import { useOpenApi } from './app/openapi/openapi';

void bootstrap({
  name: 'api',
  loadConfig: () => loadApiConfig(process.env),
  module: (config) => AppModule.forRoot(config),
  globalPrefix: 'api',
  bodyParser: false,
  configure: (app, config) => {
    // First, so every request is logged and timed, also those the throttle, the token check or the body parser refuse.
    observeAnswers(app, [logAccess(), timeRoutes(app.get(Registry))]);
    useHardening(app, config);
    // A 400 names each bad field once (unknown fields too); nothing reaches a handler unvalidated.
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true }));
    useOpenApi(app);
  },
});
