import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { RepairResult, RunAudit } from '@app/contracts';
import { AuditService } from './audit.service';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

@Controller('runs/:id/audit')
export class AuditController {
  constructor(private readonly audits: AuditService) {}

  @Get()
  audit(@Param('id', RunIdPipe) id: string): Promise<RunAudit> {
    return this.audits.audit(id);
  }

  @Post('repair')
  @HttpCode(200)
  repair(@Param('id', RunIdPipe) id: string): Promise<RepairResult> {
    return this.audits.repair(id);
  }
}
