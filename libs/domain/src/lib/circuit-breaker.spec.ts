import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  const make = () => new CircuitBreaker({ failureThreshold: 3, openMs: 1_000, maxOpenMs: 3_000 });

  it('stays closed below the threshold and forgets failures on a success', () => {
    const breaker = make();
    expect(breaker.recordFailure(0)).toBe('closed');
    expect(breaker.recordFailure(0)).toBe('closed');
    breaker.recordSuccess();
    expect(breaker.recordFailure(0)).toBe('closed');
    expect(breaker.state(0)).toBe('closed');
  });

  it('opens at the threshold, then allows a probe once the open time has passed', () => {
    const breaker = make();
    breaker.recordFailure(0);
    breaker.recordFailure(0);
    expect(breaker.recordFailure(100)).toBe('open');
    expect(breaker.state(1_099)).toBe('open');
    expect(breaker.state(1_100)).toBe('half-open');
  });

  it('closes on a successful probe', () => {
    const breaker = make();
    for (let i = 0; i < 3; i++) breaker.recordFailure(0);
    breaker.recordSuccess();
    expect(breaker.state(0)).toBe('closed');
  });

  it('opens again for twice as long after a failed probe, up to the maximum', () => {
    const breaker = make();
    for (let i = 0; i < 3; i++) breaker.recordFailure(0);
    expect(breaker.recordFailure(1_000)).toBe('open');
    expect(breaker.state(2_999)).toBe('open');
    expect(breaker.state(3_000)).toBe('half-open');
    breaker.recordFailure(3_000); // 4 s, capped at 3 s
    expect(breaker.state(5_999)).toBe('open');
    expect(breaker.state(6_000)).toBe('half-open');
  });
});
