/**
 * The user's correlation settings: how many hours before money left a login or security change counts,
 * and per currency the size from which a negative change counts as a loss. Validated from the form's
 * text (amounts stay decimal text — never a float) and kept in localStorage between runs.
 */
import type { CorrelationSettings } from '../../worker/correlate-protocol';

export const DEFAULT_CORRELATION_SETTINGS: CorrelationSettings = {
  windowHours: 24,
  lossThresholds: [
    ['BTC', '1'],
    ['ETH', '20'],
    ['USDC', '50000'],
  ],
};

/** A week covers a slow takeover; beyond it every withdrawal would sit in some window. */
export const MAX_WINDOW_HOURS = 168;
export const SETTINGS_STORAGE_KEY = 'deribit-reconciler.correlation-settings.v1';

export interface SettingsDraft {
  readonly windowHours: string;
  readonly thresholds: readonly { readonly currency: string; readonly amount: string }[];
}

export interface SettingsErrors {
  readonly windowHours?: string;
  /** Per threshold row: what is wrong with its currency or amount. */
  readonly thresholds: readonly ({ readonly currency?: string; readonly amount?: string } | null)[];
}

export type SettingsValidation = { readonly ok: true; readonly settings: CorrelationSettings } | { readonly ok: false; readonly errors: SettingsErrors };

const CURRENCY = /^[A-Z][A-Z0-9_]{1,11}$/;
const POSITIVE_DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

export function draftOf(settings: CorrelationSettings): SettingsDraft {
  return {
    windowHours: String(settings.windowHours),
    thresholds: settings.lossThresholds.map(([currency, amount]) => ({ currency, amount })),
  };
}

export function validateAmount(text: string): string | undefined {
  const amount = text.trim();
  if (amount === '') return 'Enter an amount, e.g. 0.5.';
  if (!POSITIVE_DECIMAL.test(amount)) return 'Use digits and one decimal point, e.g. 0.5 (no sign, no exponent, no thousands separator).';
  if (!/[1-9]/.test(amount)) return 'The threshold must be greater than zero.';
  return undefined;
}

export function validateSettings(draft: SettingsDraft): SettingsValidation {
  let windowError: string | undefined;
  const hoursText = draft.windowHours.trim();
  const hours = Number(hoursText);
  if (hoursText === '' || !/^\d+$/.test(hoursText)) windowError = 'Enter a whole number of hours, e.g. 24.';
  else if (hours < 1 || hours > MAX_WINDOW_HOURS) windowError = `The window must be between 1 and ${MAX_WINDOW_HOURS} hours.`;

  const seen = new Set<string>();
  const rowErrors = draft.thresholds.map(({ currency, amount }) => {
    const code = currency.trim().toUpperCase();
    let currencyError: string | undefined;
    if (!CURRENCY.test(code)) currencyError = 'Enter a currency code such as BTC.';
    else if (seen.has(code)) currencyError = `${code} is listed twice.`;
    seen.add(code);
    const amountError = validateAmount(amount);
    return currencyError || amountError ? { ...(currencyError ? { currency: currencyError } : {}), ...(amountError ? { amount: amountError } : {}) } : null;
  });
  if (windowError !== undefined || rowErrors.some((e) => e !== null)) {
    return { ok: false, errors: { ...(windowError ? { windowHours: windowError } : {}), thresholds: rowErrors } };
  }
  return {
    ok: true,
    settings: {
      windowHours: hours,
      lossThresholds: draft.thresholds.map(({ currency, amount }) => [currency.trim().toUpperCase(), normalizeAmount(amount)] as const),
    },
  };
}

/** "0.50" stays exact; only the form's surrounding noise goes: spaces, a leading ".", a trailing ".". */
function normalizeAmount(text: string): string {
  let amount = text.trim();
  if (amount.startsWith('.')) amount = `0${amount}`;
  if (amount.endsWith('.')) amount = amount.slice(0, -1);
  return amount;
}

/** Stored settings, or the defaults when nothing (or something unreadable) is stored. */
export function loadCorrelationSettings(storage: Pick<Storage, 'getItem'> | null): CorrelationSettings {
  try {
    const text = storage?.getItem(SETTINGS_STORAGE_KEY);
    if (!text) return DEFAULT_CORRELATION_SETTINGS;
    const parsed = JSON.parse(text) as Partial<CorrelationSettings>;
    if (typeof parsed.windowHours !== 'number' || !Array.isArray(parsed.lossThresholds)) return DEFAULT_CORRELATION_SETTINGS;
    const draft: SettingsDraft = {
      windowHours: String(parsed.windowHours),
      thresholds: parsed.lossThresholds.map((pair) => ({ currency: String(pair[0] ?? ''), amount: String(pair[1] ?? '') })),
    };
    const validation = validateSettings(draft);
    return validation.ok ? validation.settings : DEFAULT_CORRELATION_SETTINGS;
  } catch {
    return DEFAULT_CORRELATION_SETTINGS;
  }
}

export function saveCorrelationSettings(storage: Pick<Storage, 'setItem'> | null, settings: CorrelationSettings): void {
  try {
    storage?.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Storage full or disabled: the settings still apply for this session.
  }
}
