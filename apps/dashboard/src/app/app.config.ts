import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { type ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { accessInterceptor } from './access/access.interceptor';
import { AccessService } from './access/access.service';
import { routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // XMLHttpRequest (HttpClient's default backend), not fetch: only it reports an upload's progress (a dataset's).
    provideHttpClient(withInterceptors([accessInterceptor])),
    // Before the router's first navigation: the sign-in link's token leaves the address bar first.
    provideAppInitializer(() => inject(AccessService).start()),
    provideRouter(routes, withComponentInputBinding()),
  ],
};
