import type { EngineNode } from '@app/contracts';

/** What `_cat/nodes?h=http_address,master` says of one member (`master` is `*` for the elected master). */
export interface CatNode {
  http_address?: string;
  master?: string;
}

const hostPort = (url: URL) =>
  `${url.hostname === 'localhost' ? '127.0.0.1' : url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 9200)}`;

/**
 * The cluster's members, then each configured node that is not one of them (down). A configured node is matched to a
 * member by the address it publishes: configure the nodes by that address (`http.publish_host`, an IP by default)
 * for a dead node to be named; behind names that resolve elsewhere, a missing one is only counted by the gap.
 */
export function clusterNodes(members: readonly CatNode[], configured: readonly URL[]): EngineNode[] {
  const up = members.map((member) => ({
    address: member.http_address ?? '',
    role: member.master === '*' ? 'elected master' : 'member',
    up: true,
  }));
  const addresses = new Set(up.map((node) => node.address));
  // Only while fewer members answer than are configured: names that resolve to other addresses are not a dead node.
  const missing = members.length < configured.length ? configured.map(hostPort).filter((address) => !addresses.has(address)) : [];
  return [...up.sort((a, b) => a.address.localeCompare(b.address)), ...missing.map((address) => ({ address, role: 'member', up: false }))];
}
