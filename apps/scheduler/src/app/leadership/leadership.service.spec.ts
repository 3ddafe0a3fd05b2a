import { Test } from '@nestjs/testing';
import { schedulerFakes } from '../testing/fakes';
import { LeadershipService } from './leadership.service';

const T0 = Date.parse('2025-01-01T00:00:00Z');

describe('LeadershipService', () => {
  let fakes: ReturnType<typeof schedulerFakes>;
  let leadership: LeadershipService;

  beforeEach(async () => {
    fakes = schedulerFakes({ SCHEDULER_LEASE_TTL_MS: '3000' });
    const module = await Test.createTestingModule({ providers: [LeadershipService, ...fakes.providers] }).compile();
    leadership = module.get(LeadershipService);
  });

  it('takes a free lease and renews it at a third of its ttl, not before', async () => {
    const token = await leadership.leaderToken(T0);

    expect(token).toBe('scheduler-1:1');
    expect(await leadership.leaderToken(T0 + 999)).toBe(token);
    expect(fakes.lease.acquireCalls).toEqual([null]);
    expect(await leadership.leaderToken(T0 + 1_000)).toBe(token);
    expect(fakes.lease.acquireCalls).toEqual([null, token]);
    expect(leadership.leading).toBe(true);
  });

  it('is standby while another holds the lease, asking again every time', async () => {
    fakes.lease.holder = { token: 'scheduler-2:7', holderId: 'scheduler-2' };

    expect(await leadership.leaderToken(T0)).toBeNull();
    expect(await leadership.leaderToken(T0 + 1)).toBeNull();
    expect(fakes.lease.acquireCalls).toEqual([null, null]);
    expect(leadership.leading).toBe(false);
  });

  it('lets go of the lease when it resigns, so a standby can take it at once', async () => {
    await leadership.leaderToken(T0);

    await leadership.resign();

    expect(fakes.lease.holder).toBeNull();
    expect(leadership.leading).toBe(false);
  });
});
