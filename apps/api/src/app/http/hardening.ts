import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { ApiConfig } from '../api.config';

/**
 * Security headers on every answer (helmet; it also drops `X-Powered-By`), and whom to believe about the client's
 * address behind a proxy (`TRUST_PROXY`), which per-client throttling keys on.
 */
export function useHardening(app: INestApplication, config: ApiConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.trustProxy);
  // No ETag on the api's answers: Express hashed every JSON body for it (a SHA-1 per answer, a visible share of a
  // GET's CPU) that no client of the api revalidates with. The dashboard's files keep theirs (serve-static's own).
  express.set('etag', false);
  express.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The dashboard and the docs load only their own scripts; the live feed connects back to the same origin.
          'connect-src': ["'self'"],
          // Served over plain http on 127.0.0.1 locally: upgrading its requests to https would break every one.
          'upgrade-insecure-requests': null,
        },
      },
      // Plain http locally: HSTS is for a TLS proxy in front to send.
      strictTransportSecurity: false,
    }),
  );
}
