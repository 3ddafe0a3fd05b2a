import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { HttpDelivery } from '@app/infra';
import { WORKER_CONFIG, type WorkerConfig } from '../worker.config';
import { HashProcessorModule } from './hash/hash-processor.module';
import { HttpProcessor } from './http/http-processor';
import { JobProcessors } from './job-processors';
import { RunSettings } from './run-settings';

/** The processors a job may name, behind `JobProcessors`; the delivery client is closed after the last batch. */
@Module({
  imports: [HashProcessorModule],
  providers: [
    {
      provide: HttpDelivery,
      inject: [WORKER_CONFIG],
      useFactory: (config: WorkerConfig) => new HttpDelivery({ connections: config.httpMaxInFlight }),
    },
    HttpProcessor,
    RunSettings,
    JobProcessors,
  ],
  exports: [JobProcessors],
})
export class ProcessorsModule implements OnApplicationShutdown {
  constructor(@Inject(HttpDelivery) private readonly http: HttpDelivery) {}

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
