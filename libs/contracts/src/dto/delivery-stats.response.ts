import { ApiProperty } from '@nestjs/swagger';
import type { DeliveryStats, LatencyPercentiles, StatusClass } from '../lib/delivery-stats';

export class StatusClassCountsDto implements Record<StatusClass, number> {
  @ApiProperty({ type: 'integer' }) '2xx'!: number;
  @ApiProperty({ type: 'integer' }) '3xx'!: number;
  @ApiProperty({ type: 'integer' }) '4xx'!: number;
  @ApiProperty({ type: 'integer' }) '5xx'!: number;
}

export class LatencyPercentilesDto implements LatencyPercentiles {
  @ApiProperty({ description: 'median, ms' }) p50!: number;
  @ApiProperty({ description: '95th percentile, ms' }) p95!: number;
}

export class DeliveryStatsDto implements DeliveryStats {
  @ApiProperty({ type: 'integer', description: 'results and dead letters: the records whose delivery ended' }) total!: number;
  @ApiProperty({ type: StatusClassCountsDto, description: "by the status class of each record's final answer" })
  byStatusClass!: StatusClassCountsDto;
  @ApiProperty({ type: 'integer', description: 'dead letters whose last attempt got no answer (timeout, connection error)' })
  noAnswer!: number;
  @ApiProperty({ type: LatencyPercentilesDto, nullable: true, description: "of the final answers' latency; null before any" })
  latencyMs!: LatencyPercentilesDto | null;
}
