import { HttpErrorResponse } from '@angular/common/http';
import { validationMessages } from './server-field-errors';

export const UNREACHABLE = 'The server cannot be reached. Check the connection and try again.';

/**
 * One line for a failed request: the server's own words for a 4xx that has some (a 409 says why the run
 * cannot change), else what failed and the status. `failure` reads like "Could not pause the run".
 */
export function requestErrorLine(error: unknown, failure: string): string {
  if (!(error instanceof HttpErrorResponse)) {
    return `${failure}.`;
  }
  if (error.status === 0) {
    return UNREACHABLE;
  }
  const messages = error.status >= 400 && error.status < 500 ? validationMessages(error.error) : [];
  if (messages.length > 0) {
    return messages.join(' ');
  }
  const statusText = error.statusText ? ` ${error.statusText}` : '';
  return `${failure}: the server answered ${error.status}${statusText}.`;
}
