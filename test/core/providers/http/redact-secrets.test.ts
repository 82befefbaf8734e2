import { describe, expect, it } from 'vitest';
import { ProviderError, redactingSecrets } from '../../../../src/core/providers/deribit/errors';
import { REDACTED, redactSecrets } from '../../../../src/core/providers/http/redact-secrets';
import { RateLimitError } from '../../../../src/core/providers/http/transient-errors';

const SECRET = 'Zx9-secret/value+with=odd&chars';
const TOKEN = '1234abcd.eyJhbGciOi.sig_PART';

describe('redactSecrets: credentials recognised by name', () => {
  it.each([
    ['a query string', '/public/auth?grant_type=client_credentials&client_id=abc&client_secret=s3cr3tV4lue&scope=x', '/public/auth?grant_type=client_credentials&client_id=abc&client_secret=[redacted]&scope=x'],
    ['a refresh grant', 'grant_type=refresh_token&refresh_token=1700000.RTk3Mj', 'grant_type=refresh_token&refresh_token=[redacted]'],
    ['a signature', 'timestamp=1576074319000&nonce=1iqt2wls&signature=56590594f97921b0', 'timestamp=1576074319000&nonce=1iqt2wls&signature=[redacted]'],
    ['JSON', '{"access_token":"abc.def","refresh_token":"ghi","expires_in":900}', '{"access_token":"[redacted]","refresh_token":"[redacted]","expires_in":900}'],
    ['JSON inside a JSON string', '{"message":"{\\"client_secret\\":\\"abc def\\",\\"x\\":1}"}', '{"message":"{\\"client_secret\\":\\"[redacted]\\",\\"x\\":1}"}'],
    ['a repr', "{'clientSecret': 'abc', 'apiKey': 'k'}", "{'clientSecret': '[redacted]', 'apiKey': '[redacted]'}"],
    ['a JSON number', '{"signature": 12345678}', '{"signature": [redacted]}'],
    ['a Bearer header', 'authorization: Bearer eyJ0eXAi.x.y, accept: */*', 'authorization: Bearer [redacted], accept: */*'],
    ['a headers object', '{"authorization":"Bearer tok-123","x-auth-key":"c2b9f","x-auth-email":"me@example.com"}', '{"authorization":"[redacted]","x-auth-key":"[redacted]","x-auth-email":"me@example.com"}'],
    ['NLPearl\'s Bearer <accountId>:<secretKey>', 'Authorization: Bearer acct-1:sk_live_9f8e', 'Authorization: Bearer [redacted]'],
    ['Basic credentials', 'Authorization: Basic YWJjOmRlZg==', 'Authorization: Basic [redacted]'],
    ['a Pulse login body', 'body={"key":"PULSE_ab12-CD34"}', 'body={"key":"PULSE_[redacted]"}'],
    ['a Pulse key in prose', 'the key PULSE_ab12CD34 is revoked', 'the key PULSE_[redacted] is revoked'],
    ['a header line', 'X-Auth-Key: 0123456789abcdef\r\nX-Auth-Email: a@b.c', 'X-Auth-Key: [redacted]\r\nX-Auth-Email: a@b.c'],
  ])('%s', (_what, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it.each([
    "Deribit rejected the key's signature. Check the client secret, that the key is enabled and that this computer's clock is correct, then try again.",
    'Pulse API keys start with "PULSE_": copy the whole key from Pulse (IAM > API keys).',
    'Check the API token under My Profile > API Tokens: it must be active and include the permission "Access: Audit Logs Read".',
    'login: no "meta.token" in {"meta":{}}',
    'private/get_transaction_log: error 10028 too_many_requests (HTTP 429) data={"reason":"Basic auth disabled"}',
    'Check the email (X-Auth-Email, your Cloudflare login) and the Global API Key (X-Auth-Key, My Profile > API Tokens)',
  ])('leaves ordinary wording alone: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('redactSecrets: the exact secrets a caller knows', () => {
  it('removes them as is, URL-encoded and JSON-escaped, wherever they stand', () => {
    const text = [
      `values: ${SECRET} ${TOKEN}`,
      `url: /x?a=${encodeURIComponent(SECRET)}`,
      `form: ${new URLSearchParams({ a: 'with space ' + SECRET }).toString()}`,
      `json: ${JSON.stringify({ x: `"${SECRET}"` })}`,
    ].join('\n');
    const out = redactSecrets(text, [SECRET, TOKEN]);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(encodeURIComponent(SECRET));
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('Zx9-secr');
    expect(out.split(REDACTED).length - 1).toBeGreaterThanOrEqual(5);
  });

  it('removes a copy cut short by a quote (8 characters or more of it)', () => {
    const body = `{"error":"unknown key ${SECRET} for this account"}`;
    const cut = body.slice(0, body.indexOf(SECRET) + 12);
    expect(redactSecrets(`HTTP 400 ${cut}`, [SECRET])).toBe(`HTTP 400 {"error":"unknown key ${REDACTED}`);
    expect(redactSecrets('prefix Zx9-secr', [SECRET])).toBe(`prefix ${REDACTED}`);
    // Fewer than 8 characters cannot be told apart from ordinary text: they stay.
    expect(redactSecrets('Zx9-sec', [SECRET])).toBe('Zx9-sec');
  });

  it('skips empty, absent and very short values instead of blanking out the text', () => {
    expect(redactSecrets('abc a b c', ['', 'a', 'abc', null, undefined])).toBe('abc a b c');
  });
});

describe('ProviderError carries no credential', () => {
  it('is built with credential-looking text removed from detail, userMessage, message and stack', () => {
    const error = new ProviderError({
      kind: 'provider_error',
      code: 1,
      detail: 'HTTP 400 GET /public/auth?client_id=x&client_secret=hunter2hunter2',
      userMessage: 'The server said: Authorization: Bearer tok-abcdef',
      retriable: false,
    });
    for (const text of [error.detail, error.userMessage, error.message, error.stack ?? '']) {
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('tok-abcdef');
    }
  });

  it('redact(known) removes exact values everywhere and keeps the class (a rate limit keeps its wait)', async () => {
    const error = new RateLimitError({ code: 429, detail: `HTTP 429 echo ${TOKEN}`, userMessage: `slow down, ${TOKEN}` }, 5_000);
    const thrown = await redactingSecrets([TOKEN], () => Promise.reject(error)).catch((e: unknown) => e);
    expect(thrown).toBe(error);
    expect(thrown).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(5_000);
    for (const text of [error.detail, error.userMessage, error.message, error.stack ?? '']) expect(text).not.toContain(TOKEN);
    expect(error.detail).toBe(`HTTP 429 echo ${REDACTED}`);
  });

  it('redactingSecrets passes results and other errors through untouched', async () => {
    await expect(redactingSecrets([TOKEN], () => Promise.resolve(TOKEN))).resolves.toBe(TOKEN);
    const other = new Error(TOKEN);
    await expect(redactingSecrets([TOKEN], () => Promise.reject(other))).rejects.toBe(other);
  });
});
