import { Module } from '@nestjs/common';
import { RunLookupModule } from '../run-lookup/run-lookup.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  imports: [RunLookupModule],
  controllers: [AuditController],
  providers: [AuditService],
})
export class AuditModule {}
