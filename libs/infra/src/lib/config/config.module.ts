import { Global, Module, type DynamicModule } from '@nestjs/common';
import { INFRA_CONFIG } from './infra-config.token';
import type { InfraConfig } from './infra.config';

/** Makes the connection settings a process validated at start-up injectable by the infra modules. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: InfraConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: INFRA_CONFIG, useValue: config }],
      exports: [INFRA_CONFIG],
    };
  }
}
