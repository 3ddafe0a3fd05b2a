import { replicationNodes } from './replication-info';

describe('replicationNodes', () => {
  it('lists the master, then each replica with whether the master has it online', () => {
    const info = [
      '# Replication',
      'role:master',
      'connected_slaves:2',
      'min_slaves_good_slaves:1',
      'slave0:ip=127.0.0.1,port=6402,state=online,offset=4711,lag=0',
      'slave1:ip=127.0.0.1,port=6403,state=wait_bgsave,offset=0,lag=1',
      'master_failover_state:no-failover',
      '',
    ].join('\r\n');
    expect(replicationNodes(info, '127.0.0.1:6401')).toEqual([
      { address: '127.0.0.1:6401', role: 'master', up: true },
      { address: '127.0.0.1:6402', role: 'replica', up: true },
      { address: '127.0.0.1:6403', role: 'replica', up: false },
    ]);
  });

  it('is the master alone without replicas', () => {
    expect(replicationNodes('# Replication\r\nrole:master\r\nconnected_slaves:0\r\n', 'redis:6379')).toEqual([
      { address: 'redis:6379', role: 'master', up: true },
    ]);
  });
});
