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
    // Unknown fields are a 400 naming them; nothing reaches a handler unvalidated.
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  },
});
