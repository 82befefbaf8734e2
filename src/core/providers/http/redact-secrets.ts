/**
 * Removes credentials from text that is shown or logged: error details and messages quote providers'
 * bodies, and a hostile or misconfigured server can echo the request (URL, query, headers) into them.
 *
 * Two passes: the exact secrets the caller knows (client secret, tokens, API keys), in their plain,
 * URL-encoded and JSON-escaped forms, also when a quote cut them short; then generic patterns for
 * anything that looks like a credential (`client_secret=…`, `"access_token":"…"`, `Bearer …`,
 * `X-Auth-Key: …`, `PULSE_…`), so a secret nobody registered is still caught by its name.
 */

export const REDACTED = '[redacted]';

/** Shorter "secrets" would blank out ordinary words; no real key or token is this short. */
const MIN_SECRET_LENGTH = 4;
/** A quote cut short (`body.slice(0, 120)`) can end inside a secret: this many leading characters identify it. */
const MIN_CUT_PREFIX = 8;

/** Names whose value is a credential, as query parameters, JSON keys or header names. */
const SECRET_NAMES = [
  'access_?token',
  'refresh_?token',
  'id_?token',
  'auth_?token',
  'token',
  'client_?secret',
  'secret_?key',
  'secret',
  'api_?key',
  'x-auth-key',
  'password',
  'signature',
  'authorization',
].join('|');

const NOT_DONE = String.raw`(?!\[redacted\])`;
/** `"client_secret": "…"` (JSON or a repr; quotes possibly escaped as \"): the quoted value. */
const QUOTED_VALUE = new RegExp(String.raw`(\\?["'](?:${SECRET_NAMES})\\?["']\s*:\s*\\?["'])${NOT_DONE}(?:[^"'\\]|\\(?!["']))+`, 'gi');
/** `client_secret=…`, `x-auth-key: …`, `"signature": 123` (query strings, headers, text): up to a delimiter. */
const PLAIN_VALUE = new RegExp(
  String.raw`(\b(?:${SECRET_NAMES})(?:\\?["'])?\s*[:=]\s*)${NOT_DONE}(?!(?:Bearer|Basic)\s)[^\s"'&,;)}\]\\<>]+`,
  'gi',
);
/** `Bearer <token>` (NLPearl's `Bearer <accountId>:<secretKey>` included). */
const BEARER = new RegExp(String.raw`\b(Bearer\s+)${NOT_DONE}[^\s"'\\,;<>]+`, 'gi');
/** `Basic <base64 of id:secret>`; "Basic auth" and other words stay. */
const BASIC = /\b(Basic\s+)[A-Za-z0-9+/]{8,}={0,2}/g;
/** Ingedata Pulse API keys. */
const PULSE_KEY = new RegExp(String.raw`\bPULSE_${NOT_DONE}[A-Za-z0-9._~+/=-]+`, 'g');

/** The forms a secret takes in echoed text: as is, URL-encoded (both space styles), JSON-escaped. */
function forms(secret: string): string[] {
  const url = encodeURIComponent(secret);
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, url, url.replaceAll('%20', '+'), json])];
}

/** How many characters of `form` the text repeats from `at` on. */
function sharedLength(text: string, at: number, form: string): number {
  let n = 0;
  while (n < form.length && text[at + n] === form[n]) n++;
  return n;
}

/**
 * Copies cut short (a quote like `body.slice(0, 120)` ending inside a secret): wherever the first 8
 * characters of a form appear, as much of any form as follows is removed.
 */
function removeCutCopies(text: string, forms: readonly string[]): string {
  let result = text;
  for (const form of forms) {
    if (form.length <= MIN_CUT_PREFIX) continue;
    const head = form.slice(0, MIN_CUT_PREFIX);
    const sameHead = forms.filter((f) => f.startsWith(head));
    for (let at = result.indexOf(head); at >= 0; at = result.indexOf(head, at + REDACTED.length)) {
      const length = Math.max(...sameHead.map((f) => sharedLength(result, at, f)));
      result = result.slice(0, at) + REDACTED + result.slice(at + length);
    }
  }
  return result;
}

/**
 * `text` without the `knownSecrets` (exact values; null/undefined and values under 4 characters are
 * skipped) and without anything that looks like a credential.
 */
export function redactSecrets(text: string, knownSecrets: readonly (string | null | undefined)[] = []): string {
  let result = text;
  const secrets = knownSecrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
  // Longest first, so a secret containing another is removed whole.
  const all = [...new Set(secrets.flatMap(forms))].sort((a, b) => b.length - a.length);
  for (const form of all) result = result.split(form).join(REDACTED);
  result = removeCutCopies(result, all);
  return result
    .replace(QUOTED_VALUE, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(BASIC, `$1${REDACTED}`)
    .replace(PLAIN_VALUE, `$1${REDACTED}`)
    .replace(PULSE_KEY, `PULSE_${REDACTED}`);
}
