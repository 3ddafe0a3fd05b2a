import { healthRows } from './readiness';

describe('healthRows', () => {
  it('gives Redis, RabbitMQ and Elasticsearch in that order, up or down, with the reason of a down one', () => {
    const rows = healthRows({
      status: 'unavailable',
      dependencies: {
        elasticsearch: { status: 'down', error: 'no answer within 2000 ms' },
        redis: { status: 'up' },
        rabbitmq: { status: 'up' },
      },
    });
    expect(rows).toEqual([
      { key: 'redis', label: 'Redis', state: 'up', stateLabel: 'Up', detail: '' },
      { key: 'rabbitmq', label: 'RabbitMQ', state: 'up', stateLabel: 'Up', detail: '' },
      { key: 'elasticsearch', label: 'Elasticsearch', state: 'down', stateLabel: 'Down', detail: 'no answer within 2000 ms' },
    ]);
  });

  it('says unknown for each service without a report, or left out of it', () => {
    expect(healthRows(null).map((row) => row.state)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(healthRows({ status: 'ok', dependencies: { redis: { status: 'up' } } }).map((row) => row.stateLabel)).toEqual([
      'Up',
      'Unknown',
      'Unknown',
    ]);
  });
});
