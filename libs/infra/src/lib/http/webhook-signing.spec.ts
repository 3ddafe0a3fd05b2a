import { createHmac } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newSigningSecret, signedHeaders } from './webhook-signing';

describe('newSigningSecret', () => {
  it('is whsec_ and the base64 of 24 random bytes', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(24);
  });

  it('differs every time', () => {
    expect(newSigningSecret()).not.toBe(newSigningSecret());
  });
});

describe('signedHeaders', () => {
  const secret = newSigningSecret();
  const body = JSON.stringify({ runId: 'r1', seq: 7, input: 49 });
  const now = () => Math.floor(Date.now() / 1_000);

  it('gives the id, the timestamp and a v1 signature over "id.timestamp.body"', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`r1:7.1700000000.${body}`).digest('base64');
    expect(signedHeaders(secret, 'r1:7', 1_700_000_000, body)).toEqual({
      'webhook-id': 'r1:7',
      'webhook-timestamp': '1700000000',
      'webhook-signature': `v1,${expected}`,
    });
  });

  it('verifies with a Standard Webhooks library', () => {
    const headers = signedHeaders(secret, 'r1:7', now(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ runId: 'r1', seq: 7, input: 49 });
  });

  it('does not verify a tampered body, another id or another secret', () => {
    const headers = signedHeaders(secret, 'r1:7', now(), body);
    expect(() => new Webhook(secret).verify(body.replace('49', '50'), headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'r1:8' })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });
});
