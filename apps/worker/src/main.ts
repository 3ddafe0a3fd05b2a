import { bootstrap } from '@app/infra';
import { AppModule } from './app/app.module';
import { loadWorkerConfig } from './app/worker.config';

void bootstrap({
  name: 'worker',
  loadConfig: () => loadWorkerConfig(process.env),
  module: (config) => AppModule.forRoot(config),
});
