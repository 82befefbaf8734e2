/**
 * What the "Add login source" form holds while the user types, and the contract input it becomes. Base
 * URLs default to the providers' real APIs (editable, e.g. for a simulator on 127.0.0.1). Main validates
 * and says what is wrong; this only shapes the input. The secret is not part of the draft.
 */
import type { LoginSourceInput, LoginSourceSettings } from '../../../shared/contract';

export type LoginProviderKind = LoginSourceSettings['kind'];

/** The real APIs (the same defaults as the core connectors). */
export const DEFAULT_BASE_URLS: Readonly<Record<LoginProviderKind, string>> = {
  cloudflare: 'https://api.cloudflare.com/client/v4',
  ingedata: 'https://pulse.ingedata.ai',
  nlpearl: 'https://api.nlpearl.ai',
};

export const PROVIDER_LABELS: Readonly<Record<LoginProviderKind, string>> = {
  cloudflare: 'Cloudflare Access',
  ingedata: 'Ingedata Pulse',
  nlpearl: 'NLPearl',
};

export const PROVIDER_KINDS: readonly LoginProviderKind[] = ['cloudflare', 'ingedata', 'nlpearl'];

export interface LoginSourceDraft {
  readonly kind: LoginProviderKind;
  readonly label: string;
  readonly baseUrl: string;
  /** Cloudflare and NLPearl. */
  readonly accountId: string;
  readonly cloudflareAuth: 'api-token' | 'global-key';
  /** Cloudflare with the Global API Key only. */
  readonly email: string;
}

export function emptyDraft(kind: LoginProviderKind): LoginSourceDraft {
  return { kind, label: '', baseUrl: DEFAULT_BASE_URLS[kind], accountId: '', cloudflareAuth: 'api-token', email: '' };
}

/** Switching provider keeps the name, and the base URL only when the user changed it. */
export function switchProvider(draft: LoginSourceDraft, kind: LoginProviderKind): LoginSourceDraft {
  const customUrl = draft.baseUrl.trim() !== '' && draft.baseUrl !== DEFAULT_BASE_URLS[draft.kind];
  return { ...emptyDraft(kind), label: draft.label, baseUrl: customUrl ? draft.baseUrl : DEFAULT_BASE_URLS[kind] };
}

/** The secret field's name for this provider and sign-in method. */
export function secretLabel(draft: Pick<LoginSourceDraft, 'kind' | 'cloudflareAuth'>): string {
  if (draft.kind === 'cloudflare') return draft.cloudflareAuth === 'api-token' ? 'Cloudflare API token' : 'Cloudflare Global API Key';
  return draft.kind === 'ingedata' ? 'Ingedata API key' : 'NLPearl secret key';
}

/** The secret is read from its (uncontrolled) field at the moment of use: it never lives in React state. */
export function draftToInput(draft: LoginSourceDraft, secret: string): LoginSourceInput {
  const baseUrl = draft.baseUrl.trim();
  const accountId = draft.accountId.trim();
  const settings: LoginSourceSettings =
    draft.kind === 'cloudflare'
      ? { kind: 'cloudflare', baseUrl, accountId, authMethod: draft.cloudflareAuth, email: draft.cloudflareAuth === 'global-key' ? draft.email.trim() : null }
      : draft.kind === 'ingedata'
        ? { kind: 'ingedata', baseUrl }
        : { kind: 'nlpearl', baseUrl, accountId };
  return { label: draft.label.trim(), settings, secret: secret.trim() };
}

/** One line for a source card: what it reads and as whom (never a secret). */
export function describeSettings(settings: LoginSourceSettings): string {
  switch (settings.kind) {
    case 'cloudflare':
      return settings.authMethod === 'api-token'
        ? `Cloudflare account ${settings.accountId}, API token`
        : `Cloudflare account ${settings.accountId}, Global API Key of ${settings.email ?? 'unknown email'}`;
    case 'ingedata':
      return 'Ingedata Pulse account logins, API key';
    case 'nlpearl':
      return `NLPearl account ${settings.accountId}, secret key`;
  }
}
