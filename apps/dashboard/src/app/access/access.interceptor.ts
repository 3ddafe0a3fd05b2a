import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';
import { AccessService } from './access.service';

/** The api's own requests (same origin, under `/api`): the only ones that may carry the token. */
const isApiRequest = (url: string): boolean => url === '/api' || url.startsWith('/api/');

/**
 * Sends the held token as `Authorization: Bearer <token>` on every api request, and signs out when the api
 * refuses it (401). A request that carries its own `Authorization` (the sign-in form checking a pasted token) is
 * left as it is, and its refusal to the caller.
 */
export const accessInterceptor: HttpInterceptorFn = (request, next) => {
  const access = inject(AccessService);
  const token = access.token();
  if (token === null || !isApiRequest(request.url) || request.headers.has('Authorization')) {
    return next(request);
  }
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })).pipe(
    tap({
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 401) {
          access.refused(token);
        }
      },
    }),
  );
};
