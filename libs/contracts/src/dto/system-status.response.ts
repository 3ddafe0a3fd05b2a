import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WorkerStatus } from '../lib/worker-status';
import type {
  ElasticsearchStatus,
  EngineNode,
  IndexStatus,
  QueueStatus,
  RabbitmqStatus,
  RedisStatus,
  SchedulersStatus,
  StatusProbe,
  SystemStatus,
} from '../lib/system-status';
import type { EveryField } from './every-field';
import { DATE_TIME, NULLABLE_STRING } from './response-schemas';
import { WorkerStatusDto } from './worker-status.response';

export class EngineNodeDto implements EngineNode {
  @ApiProperty({ example: '127.0.0.1:6379' }) address!: string;
  @ApiProperty({ description: 'Redis: master or replica; RabbitMQ: connected or standby; Elasticsearch: elected master or member' })
  role!: string;
  @ApiProperty() up!: boolean;
}

export class RedisStatusDto implements RedisStatus {
  @ApiProperty({ type: 'integer' }) usedMemoryBytes!: number;
  @ApiProperty({ type: 'integer' }) connectedClients!: number;
  @ApiProperty({ type: [EngineNodeDto] }) nodes!: EngineNodeDto[];
}

export class QueueStatusDto implements QueueStatus {
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) messages!: number;
  @ApiProperty({ type: 'integer' }) consumers!: number;
}

export class RabbitmqStatusDto implements RabbitmqStatus {
  @ApiProperty({ type: [EngineNodeDto] }) nodes!: EngineNodeDto[];
  @ApiProperty({ type: [QueueStatusDto] }) queues!: QueueStatusDto[];
}

export class IndexStatusDto implements IndexStatus {
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) docs!: number;
  @ApiProperty({ type: 'integer' }) bytes!: number;
}

export class ElasticsearchStatusDto implements ElasticsearchStatus {
  @ApiProperty() cluster!: string;
  @ApiProperty({ type: [EngineNodeDto] }) nodes!: EngineNodeDto[];
  @ApiProperty({ type: [IndexStatusDto] }) indices!: IndexStatusDto[];
}

export class SchedulersStatusDto implements SchedulersStatus {
  @ApiProperty(NULLABLE_STRING) leader!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) epoch!: number | null;
}

const PROBE_STATES = ['ok', 'error', 'timeout'] as const satisfies readonly StatusProbe<unknown>['state'][];

/** A `StatusProbe` of each backend: `value` when `state` is ok, `error` when it is error, neither on timeout. */
abstract class ProbeFields {
  @ApiProperty({ enum: PROBE_STATES }) state!: StatusProbe<unknown>['state'];
  @ApiProperty() latencyMs!: number;
  @ApiPropertyOptional({ type: String }) error!: string | undefined;
}

export class RedisProbeDto extends ProbeFields implements EveryField<StatusProbe<RedisStatus>> {
  @ApiPropertyOptional({ type: RedisStatusDto }) value!: RedisStatusDto | undefined;
}

export class RabbitmqProbeDto extends ProbeFields implements EveryField<StatusProbe<RabbitmqStatus>> {
  @ApiPropertyOptional({ type: RabbitmqStatusDto }) value!: RabbitmqStatusDto | undefined;
}

export class ElasticsearchProbeDto extends ProbeFields implements EveryField<StatusProbe<ElasticsearchStatus>> {
  @ApiPropertyOptional({ type: ElasticsearchStatusDto }) value!: ElasticsearchStatusDto | undefined;
}

export class SchedulersProbeDto extends ProbeFields implements EveryField<StatusProbe<SchedulersStatus>> {
  @ApiPropertyOptional({ type: SchedulersStatusDto }) value!: SchedulersStatusDto | undefined;
}

export class WorkersProbeDto extends ProbeFields implements EveryField<StatusProbe<WorkerStatus[]>> {
  @ApiPropertyOptional({ type: [WorkerStatusDto] }) value!: WorkerStatusDto[] | undefined;
}

/**
 * The schema of `SystemStatus`. Its fields keep the interface's union types (a class cannot implement a union);
 * each probe's class is tied to its union by `EveryField`.
 */
export class SystemStatusDto implements SystemStatus {
  @ApiProperty(DATE_TIME) checkedAt!: string;
  @ApiProperty({ type: 'integer' }) deadlineMs!: number;
  @ApiProperty({ type: RedisProbeDto }) redis!: SystemStatus['redis'];
  @ApiProperty({ type: RabbitmqProbeDto }) rabbitmq!: SystemStatus['rabbitmq'];
  @ApiProperty({ type: ElasticsearchProbeDto }) elasticsearch!: SystemStatus['elasticsearch'];
  @ApiProperty({ type: SchedulersProbeDto }) schedulers!: SystemStatus['schedulers'];
  @ApiProperty({ type: WorkersProbeDto }) workers!: SystemStatus['workers'];
}
