/**
 * Checks what the user typed into a login-source form before anything is sent anywhere: every mistake
 * gets a message saying which field is wrong and what a right value looks like.
 */
import { ProviderError } from '../../core/providers/deribit/errors';
import type { LoginSourceInput, LoginSourceSettings } from '../../shared/contract';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
/** Cloudflare account ids are 32 hexadecimal characters (dashboard URL, Overview page). */
const CLOUDFLARE_ACCOUNT_ID = /^[0-9a-f]{32}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PROVIDER_NAMES: Readonly<Record<LoginSourceSettings['kind'], string>> = {
  cloudflare: 'Cloudflare Access',
  ingedata: 'Ingedata Pulse',
  nlpearl: 'NLPearl',
};

export function invalidLoginSource(userMessage: string, detail: string): ProviderError {
  return new ProviderError({ kind: 'invalid_params', code: null, detail, userMessage, retriable: false });
}

export function providerName(kind: LoginSourceSettings['kind']): string {
  return PROVIDER_NAMES[kind];
}

/** http(s) only; plain http only on this computer (a simulator), since the secret travels in a header. */
export function normalizeLoginBaseUrl(text: unknown, provider: string): string {
  let url: URL;
  try {
    url = new URL(String(text ?? '').trim());
  } catch {
    throw invalidLoginSource(`The ${provider} base URL is not a valid URL. Leave the default unless you test against a simulator.`, 'bad url');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname))) {
    throw invalidLoginSource(`The ${provider} base URL must start with https:// (plain http:// is allowed only for 127.0.0.1 or localhost).`, url.protocol);
  }
  if (url.search !== '' || url.hash !== '') throw invalidLoginSource(`The ${provider} base URL must not contain "?" or "#".`, 'query in url');
  return url.toString().replace(/\/+$/, '');
}

const trimmed = (value: unknown): string => String(value ?? '').trim();

function validateSettings(settings: LoginSourceSettings): LoginSourceSettings {
  if (typeof settings !== 'object' || settings === null) throw invalidLoginSource('Choose a login source: Cloudflare Access, Ingedata Pulse or NLPearl.', 'no settings');
  switch (settings.kind) {
    case 'cloudflare': {
      const accountId = trimmed(settings.accountId);
      if (!CLOUDFLARE_ACCOUNT_ID.test(accountId)) {
        throw invalidLoginSource('The Cloudflare account ID is 32 letters and digits (0-9, a-f); copy it from the dashboard URL or the account Overview page.', 'bad account id');
      }
      if (settings.authMethod !== 'api-token' && settings.authMethod !== 'global-key') {
        throw invalidLoginSource('Choose how to sign in to Cloudflare: an API token, or your email with the Global API Key.', 'bad auth method');
      }
      const email = settings.authMethod === 'global-key' ? trimmed(settings.email) : '';
      if (settings.authMethod === 'global-key' && !EMAIL.test(email)) {
        throw invalidLoginSource('Enter the email address you sign in to Cloudflare with (it goes with the Global API Key).', 'bad email');
      }
      return {
        kind: 'cloudflare',
        baseUrl: normalizeLoginBaseUrl(settings.baseUrl, 'Cloudflare'),
        accountId: accountId.toLowerCase(),
        authMethod: settings.authMethod,
        email: settings.authMethod === 'global-key' ? email : null,
      };
    }
    case 'ingedata':
      return { kind: 'ingedata', baseUrl: normalizeLoginBaseUrl(settings.baseUrl, 'Ingedata Pulse') };
    case 'nlpearl': {
      const accountId = trimmed(settings.accountId);
      // The credential is sent as "Bearer <accountId>:<secretKey>": a colon or a space would split it wrongly.
      if (accountId === '' || /[\s:]/.test(accountId)) {
        throw invalidLoginSource('Enter the NLPearl account ID (Settings → API in NLPearl; no spaces or colons).', 'bad account id');
      }
      return { kind: 'nlpearl', baseUrl: normalizeLoginBaseUrl(settings.baseUrl, 'NLPearl'), accountId };
    }
    default:
      throw invalidLoginSource('Choose a login source: Cloudflare Access, Ingedata Pulse or NLPearl.', `kind=${String((settings as { kind?: unknown }).kind)}`);
  }
}

function secretName(settings: LoginSourceSettings): string {
  if (settings.kind === 'cloudflare') return settings.authMethod === 'api-token' ? 'Cloudflare API token' : 'Cloudflare Global API Key';
  return settings.kind === 'ingedata' ? 'Ingedata Pulse API key (PULSE_…)' : 'NLPearl secret key';
}

/** The input with settings normalized, the secret trimmed and a label (the provider's name when empty). */
export function validateLoginSourceInput(input: LoginSourceInput): LoginSourceInput {
  if (typeof input !== 'object' || input === null) throw invalidLoginSource('Fill in the form to add a login source.', 'no args');
  const settings = validateSettings(input.settings);
  const secret = trimmed(input.secret);
  if (secret === '') throw invalidLoginSource(`Enter the ${secretName(settings)}.`, 'empty secret');
  if (/\s/.test(secret)) throw invalidLoginSource(`The ${secretName(settings)} contains a space or line break; paste it again without them.`, 'whitespace in secret');
  const label = trimmed(input.label) || providerName(settings.kind);
  return { label, settings, secret };
}
