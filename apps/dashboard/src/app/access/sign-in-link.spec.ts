import { takeSignInLinkToken } from './sign-in-link';

describe('takeSignInLinkToken', () => {
  afterEach(() => history.replaceState(null, '', '/'));

  it('takes the token of the link and removes the fragment from the address, keeping path and query', () => {
    history.replaceState(null, '', '/runs/r-1?tab=results#token=abc123');
    const replaceState = jest.spyOn(history, 'replaceState');

    expect(takeSignInLinkToken(location, history)).toBe('abc123');
    expect(location.href).toBe('http://localhost/runs/r-1?tab=results');
    expect(location.hash).toBe('');
    expect(replaceState).toHaveBeenCalledTimes(1);
    replaceState.mockRestore();
  });

  it('decodes an encoded token', () => {
    history.replaceState(null, '', '/#token=a%2Fb%3D');
    expect(takeSignInLinkToken(location, history)).toBe('a/b=');
  });

  it('leaves an address without a token as it is', () => {
    history.replaceState(null, '', '/workers#section');
    const replaceState = jest.spyOn(history, 'replaceState');

    expect(takeSignInLinkToken(location, history)).toBeNull();
    expect(location.hash).toBe('#section');
    expect(replaceState).not.toHaveBeenCalled();
    replaceState.mockRestore();
  });

  it('removes an empty token, and gives none', () => {
    history.replaceState(null, '', '/#token=');
    expect(takeSignInLinkToken(location, history)).toBeNull();
    expect(location.hash).toBe('');
  });
});
