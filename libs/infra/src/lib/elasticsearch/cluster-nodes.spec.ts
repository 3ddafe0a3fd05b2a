import { clusterNodes } from './cluster-nodes';

const urls = (...ports: number[]) => ports.map((port) => new URL(`http://127.0.0.1:${port}`));

describe('clusterNodes', () => {
  it('lists the members, the elected master marked', () => {
    expect(
      clusterNodes(
        [
          { http_address: '127.0.0.1:9212', master: '-' },
          { http_address: '127.0.0.1:9211', master: '*' },
        ],
        urls(9211, 9212),
      ),
    ).toEqual([
      { address: '127.0.0.1:9211', role: 'elected master', up: true },
      { address: '127.0.0.1:9212', role: 'member', up: true },
    ]);
  });

  it('names a configured node that is not in the cluster as down (localhost read as 127.0.0.1)', () => {
    const configured = [new URL('http://localhost:9211'), ...urls(9212, 9213)];
    expect(
      clusterNodes(
        [
          { http_address: '127.0.0.1:9211', master: '*' },
          { http_address: '127.0.0.1:9213', master: '-' },
        ],
        configured,
      ),
    ).toEqual([
      { address: '127.0.0.1:9211', role: 'elected master', up: true },
      { address: '127.0.0.1:9213', role: 'member', up: true },
      { address: '127.0.0.1:9212', role: 'member', up: false },
    ]);
  });

  it('does not call a node configured by a name down while every configured node answers', () => {
    expect(clusterNodes([{ http_address: '172.18.0.4:9200', master: '*' }], [new URL('http://elasticsearch:9200')])).toEqual([
      { address: '172.18.0.4:9200', role: 'elected master', up: true },
    ]);
  });
});
