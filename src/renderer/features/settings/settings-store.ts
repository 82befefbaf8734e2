/**
 * The user's display settings, kept in localStorage between runs: times in the
 * computer's zone or UTC, the IANA zone exports default to, the number locale and the theme.
 * Only how things are shown changes; nothing stored is ever rewritten.
 */
import { create } from 'zustand';
import { readStoredJson, saveOnChange } from './local-storage-json';
import { UTC_ZONE, isValidTimeZone, systemTimeZone } from '../formatting/zoned-time';

export type TimeDisplay = 'local' | 'utc';
export type ThemeChoice = 'system' | 'light' | 'dark';

export interface DisplaySettings {
  readonly timeDisplay: TimeDisplay;
  /** IANA zone for exports ("Europe/Berlin"); always a zone Intl knows. */
  readonly exportZone: string;
  /** BCP 47 locale for grouping and decimal marks ("en-US", "de-DE"). */
  readonly numberLocale: string;
  readonly theme: ThemeChoice;
}

interface SettingsState extends DisplaySettings {
  setTimeDisplay(value: TimeDisplay): void;
  /** false (and nothing saved) when the zone is not a known IANA name. */
  setExportZone(zone: string): boolean;
  setNumberLocale(locale: string): boolean;
  setTheme(theme: ThemeChoice): void;
}

export const SETTINGS_STORAGE_KEY = 'deribit-reconciler.settings';

export const DEFAULT_SETTINGS: DisplaySettings = { timeDisplay: 'utc', exportZone: UTC_ZONE, numberLocale: 'en-US', theme: 'system' };

export const NUMBER_LOCALES: readonly { readonly value: string; readonly label: string }[] = [
  { value: 'en-US', label: 'English (US): 1,234,567.89' },
  { value: 'en-GB', label: 'English (UK): 1,234,567.89' },
  { value: 'de-DE', label: 'German: 1.234.567,89' },
  { value: 'fr-FR', label: 'French: 1 234 567,89' },
  { value: 'de-CH', label: 'Swiss: 1’234’567.89' },
  { value: 'en-IN', label: 'Indian: 12,34,567.89' },
];

export function isKnownLocale(locale: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length === 1;
  } catch {
    return false;
  }
}

export const useSettings = create<SettingsState>()((set) => ({
  ...DEFAULT_SETTINGS,
  ...sanitize(readStoredJson(SETTINGS_STORAGE_KEY)),
  setTimeDisplay: (timeDisplay) => set({ timeDisplay }),
  setExportZone: (zone) => {
    const trimmed = zone.trim();
    if (!isValidTimeZone(trimmed)) return false;
    set({ exportZone: trimmed });
    return true;
  },
  setNumberLocale: (locale) => {
    if (!isKnownLocale(locale)) return false;
    set({ numberLocale: locale });
    return true;
  },
  setTheme: (theme) => set({ theme }),
}));

saveOnChange(useSettings, SETTINGS_STORAGE_KEY, ({ timeDisplay, exportZone, numberLocale, theme }): DisplaySettings => ({ timeDisplay, exportZone, numberLocale, theme }));

/** A hand-edited or damaged entry falls back field by field instead of breaking the app. */
function sanitize(value: unknown): Partial<DisplaySettings> {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const out: { -readonly [K in keyof DisplaySettings]?: DisplaySettings[K] } = {};
  if (v.timeDisplay === 'local' || v.timeDisplay === 'utc') out.timeDisplay = v.timeDisplay;
  if (typeof v.exportZone === 'string' && isValidTimeZone(v.exportZone)) out.exportZone = v.exportZone;
  if (typeof v.numberLocale === 'string' && isKnownLocale(v.numberLocale)) out.numberLocale = v.numberLocale;
  if (v.theme === 'system' || v.theme === 'light' || v.theme === 'dark') out.theme = v.theme;
  return out;
}

/** The zone grids show times in: the computer's own, or UTC. */
export function displayZone(settings: Pick<DisplaySettings, 'timeDisplay'>): string {
  return settings.timeDisplay === 'utc' ? UTC_ZONE : systemTimeZone();
}

/** For code outside React (formatters with a default): the current number locale. */
export function currentNumberLocale(): string {
  return useSettings.getState().numberLocale;
}
