/**
 * The token of the sign-in link `npm start` prints (`http://127.0.0.1:3000/#token=<token>`), taken out of the
 * address bar: the fragment is removed with `history.replaceState`, so the token does not stay in the address,
 * the history or a bookmark. A fragment never reaches a server, and the token is sent nowhere else from here.
 * Null when the address carries none.
 */
export function takeSignInLinkToken(location: Location, history: History): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (!fragment.has('token')) {
    return null;
  }
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  const token = fragment.get('token')?.trim() ?? '';
  return token === '' ? null : token;
}
