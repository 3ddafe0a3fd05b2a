import { HttpErrorResponse } from '@angular/common/http';
import { requestErrorLine, UNREACHABLE } from './request-error';

const response = (status: number, statusText: string, error: unknown): HttpErrorResponse =>
  new HttpErrorResponse({ status, statusText, error, url: '/api/runs/r-1/pause' });

describe('requestErrorLine', () => {
  it("gives a 409's message as the server wrote it", () => {
    const error = response(409, 'Conflict', { statusCode: 409, message: 'run r-1 is completed, only a running run can be paused' });
    expect(requestErrorLine(error, 'Could not pause the run')).toBe('run r-1 is completed, only a running run can be paused');
  });

  it('joins several messages', () => {
    expect(requestErrorLine(response(404, 'Not Found', { message: ['a.', 'b.'] }), 'Could not stop the run')).toBe('a. b.');
  });

  it('says the server cannot be reached when the request got no answer', () => {
    expect(requestErrorLine(response(0, '', new ProgressEvent('error')), 'Could not stop the run')).toBe(UNREACHABLE);
  });

  it('names the status of a server error rather than its generic message', () => {
    const error = response(500, 'Internal Server Error', { statusCode: 500, message: 'Internal server error' });
    expect(requestErrorLine(error, 'Could not stop the run')).toBe(
      'Could not stop the run: the server answered 500 Internal Server Error.',
    );
    expect(requestErrorLine(response(409, 'Conflict', 'not json'), 'Could not stop the run')).toBe(
      'Could not stop the run: the server answered 409 Conflict.',
    );
  });

  it('falls back to the failure for anything that is not an HTTP error', () => {
    expect(requestErrorLine(new Error('boom'), 'Could not resume the run')).toBe('Could not resume the run.');
  });
});
