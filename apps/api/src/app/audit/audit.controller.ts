import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { RepairResult, RunAudit } from '@app/contracts';
import { RepairResultDto, RunAuditDto } from '@app/contracts/dto';
import { ApiChange, ApiGuarded, ApiNeedsHotState, ApiRunById } from '../openapi/api-responses';
import { AuditService } from './audit.service';
import { RunIdPipe } from '../run-lookup/run-id.pipe';

@ApiGuarded()
@ApiRunById()
@Controller('runs/:id/audit')
export class AuditController {
  constructor(private readonly audits: AuditService) {}

  @Get()
  @ApiOkResponse({ type: RunAuditDto })
  audit(@Param('id', RunIdPipe) id: string): Promise<RunAudit> {
    return this.audits.audit(id);
  }

  @Post('repair')
  @HttpCode(200)
  @ApiOkResponse({ type: RepairResultDto })
  @ApiChange()
  @ApiNeedsHotState()
  repair(@Param('id', RunIdPipe) id: string): Promise<RepairResult> {
    return this.audits.repair(id);
  }
}
