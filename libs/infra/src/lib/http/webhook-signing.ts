import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** The headers of a Standard Webhooks signature, which any Standard Webhooks library verifies. */
export type SignatureHeaders = Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;

/** A run's signing secret in the Standard Webhooks form: `whsec_` and the base64 of 24 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * Signs `body` as sent at `timestampSeconds` (whole Unix seconds, which receivers check against their clock):
 * `webhook-signature` is `v1,` and the base64 HMAC-SHA256 of `<webhookId>.<timestamp>.<body>` keyed by the secret.
 */
export function signedHeaders(secret: string, webhookId: string, timestampSeconds: number, body: string): SignatureHeaders {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': new Webhook(secret).sign(webhookId, new Date(timestampSeconds * 1_000), body),
  };
}
