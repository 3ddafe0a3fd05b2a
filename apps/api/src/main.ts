import { ValidationPipe } from '@nestjs/common';
import { bootstrap } from '@app/infra';
import { AppModule } from './app/app.module';
import { loadApiConfig } from './app/api.config';

void bootstrap({
  name: 'api',
  loadConfig: () => loadApiConfig(process.env),
  module: (config) => AppModule.forRoot(config),
  globalPrefix: 'api',
  configure: (app) => {
    // A 400 names each bad field once (unknown fields too); nothing reaches a handler unvalidated.
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true }));
  },
});
