import { bootstrap } from '@app/infra';
import { AppModule } from './app/app.module';
import { loadSchedulerConfig } from './app/scheduler.config';

void bootstrap({
  name: 'scheduler',
  loadConfig: () => loadSchedulerConfig(process.env),
  module: (config) => AppModule.forRoot(config),
});
