import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DependencyReport, DependencyState, ReadinessReport } from '../lib/health';
import type { EveryField } from './every-field';

export class DependencyReportDto implements EveryField<DependencyReport> {
  @ApiProperty({ enum: ['up', 'down'] satisfies DependencyState[] }) status!: DependencyState;
  @ApiPropertyOptional({ type: String }) error!: string | undefined;
}

/** The dependencies a process has: the api has all three. */
export class DependenciesDto implements EveryField<ReadinessReport['dependencies']> {
  @ApiPropertyOptional({ type: DependencyReportDto }) redis!: DependencyReportDto | undefined;
  @ApiPropertyOptional({ type: DependencyReportDto }) rabbitmq!: DependencyReportDto | undefined;
  @ApiPropertyOptional({ type: DependencyReportDto }) elasticsearch!: DependencyReportDto | undefined;
}

export class ReadinessReportDto implements ReadinessReport {
  @ApiProperty({ enum: ['ok', 'unavailable'] satisfies ReadinessReport['status'][] }) status!: ReadinessReport['status'];
  @ApiProperty({ type: DependenciesDto }) dependencies!: DependenciesDto;
}
