import type { EngineNode } from '@app/contracts';

/**
 * The master and its replicas from the master's `INFO replication` (`slave0:ip=…,port=…,state=online,…`): a replica
 * is up while the master lists it as online (one still syncing is listed, not yet up; one that is gone is not listed).
 */
export function replicationNodes(info: string, masterAddress: string): EngineNode[] {
  const replicas = [...info.matchAll(/^slave\d+:(.*)$/gm)].map(([, fields]) => {
    const field = (name: string) => new RegExp(`(?:^|,)${name}=([^,]*)`).exec(fields.trim())?.[1] ?? '';
    return { address: `${field('ip')}:${field('port')}`, role: 'replica', up: field('state') === 'online' };
  });
  return [{ address: masterAddress, role: 'master', up: true }, ...replicas];
}
