import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { HttpDelivery } from '@app/infra';
import { LeadershipModule } from '../leadership/leadership.module';
import { NotifyLoop } from './notify-loop';
import { RunNotifier } from './run-notifier';

/** Runs' completion callbacks, sent by the leader; the delivery client is closed once the last one is done. */
@Module({
  imports: [LeadershipModule],
  providers: [{ provide: HttpDelivery, useFactory: () => new HttpDelivery() }, RunNotifier, NotifyLoop],
})
export class NotifyingModule implements OnApplicationShutdown {
  constructor(@Inject(HttpDelivery) private readonly http: HttpDelivery) {}

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
