import { ApiProperty } from '@nestjs/swagger';
import type { RepairResult, RunAudit, SeqRange } from '../lib/audit';
import { DATE_TIME } from './response-schemas';

export class SeqRangeDto implements SeqRange {
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
}

export class RunAuditDto implements RunAudit {
  @ApiProperty() runId!: string;
  @ApiProperty({ type: 'integer' }) published!: number;
  @ApiProperty({ type: 'integer' }) stored!: number;
  @ApiProperty({ type: 'integer' }) deadLetters!: number;
  @ApiProperty({ type: [SeqRangeDto] }) missing!: SeqRangeDto[];
  @ApiProperty({ type: 'integer' }) missingCount!: number;
  @ApiProperty({ type: [SeqRangeDto] }) duplicates!: SeqRangeDto[];
  @ApiProperty({ type: 'integer' }) duplicateCount!: number;
  @ApiProperty() countersMatch!: boolean;
  @ApiProperty() clean!: boolean;
  @ApiProperty(DATE_TIME) checkedAt!: string;
}

export class RepairResultDto implements RepairResult {
  @ApiProperty({ type: 'integer' }) republished!: number;
}
