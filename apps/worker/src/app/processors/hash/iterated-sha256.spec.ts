import { createHash } from 'node:crypto';
import { iteratedSha256 } from './iterated-sha256';

/** The rule written out independently: sha256 of the input, then of each raw digest. */
function sha256Rounds(input: string, rounds: number): string {
  let digest = createHash('sha256').update(input, 'utf8').digest();
  for (let round = 1; round < rounds; round++) digest = createHash('sha256').update(digest).digest();
  return digest.toString('hex');
}

describe('iteratedSha256', () => {
  it('is the SHA-256 of the input after one round', () => {
    // The published test vector of SHA-256 ("abc", FIPS 180-2 appendix B.1).
    expect(iteratedSha256('abc', 1)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(iteratedSha256('', 1)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes the raw bytes of the previous digest in each later round', () => {
    expect(iteratedSha256('abc', 2)).toBe(sha256Rounds('abc', 2));
    expect(iteratedSha256('record 42', 1_000)).toBe(sha256Rounds('record 42', 1_000));
    // Not the hex text of the previous digest:
    const hexOfFirst = createHash('sha256').update('abc').digest('hex');
    expect(iteratedSha256('abc', 2)).not.toBe(createHash('sha256').update(hexOfFirst).digest('hex'));
  });

  it('hashes the input as UTF-8', () => {
    expect(iteratedSha256('é✓', 3)).toBe(sha256Rounds('é✓', 3));
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p rounds', (rounds) => {
    expect(() => iteratedSha256('abc', rounds)).toThrow(RangeError);
  });
});
