/**
 * Settings: how times and numbers are shown and the colour theme. Changes apply at once and are kept
 * between runs; they change only the display (and the zone exports default to), never stored data.
 */
import { useId, useState } from 'react';
import { groupDecimal } from '../formatting/decimal-text';
import { formatZonedTime, isValidTimeZone, systemTimeZone, UTC_ZONE } from '../formatting/zoned-time';
import { NUMBER_LOCALES, useSettings, type ThemeChoice, type TimeDisplay } from './settings-store';

const SAMPLE_TIME = Date.UTC(2024, 4, 12, 19, 31, 2);
const SAMPLE_AMOUNT = '-1234567.12345678';

const THEMES: readonly { readonly value: ThemeChoice; readonly label: string }[] = [
  { value: 'system', label: 'As the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function SettingsView() {
  const ids = useId();
  const settings = useSettings();
  const local = systemTimeZone();
  const [zoneText, setZoneText] = useState(settings.exportZone);
  const [zoneError, setZoneError] = useState<string | null>(null);
  const [zoneSaved, setZoneSaved] = useState<string | null>(null);

  const saveZone = (): void => {
    const zone = zoneText.trim();
    if (!isValidTimeZone(zone)) {
      setZoneSaved(null);
      setZoneError(`"${zone}" is not a time zone this computer knows. Use an IANA name such as Europe/Berlin, America/New_York or UTC.`);
      return;
    }
    settings.setExportZone(zone);
    setZoneError(null);
    setZoneSaved(`Exports default to ${zone}.`);
  };

  const times: readonly { readonly value: TimeDisplay; readonly label: string; readonly zone: string }[] = [
    { value: 'utc', label: 'UTC', zone: UTC_ZONE },
    { value: 'local', label: `This computer's time zone (${local})`, zone: local },
  ];

  return (
    <section className="view settings-view" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Settings</h2>
      <p className="muted">Changes apply at once and are kept on this computer. They change how data is shown, never the data.</p>

      <fieldset className="card field">
        <legend>Times</legend>
        {times.map((t) => (
          <div key={t.value} className="choice">
            <input
              id={`${ids}-time-${t.value}`}
              type="radio"
              name={`${ids}-time`}
              checked={settings.timeDisplay === t.value}
              onChange={() => settings.setTimeDisplay(t.value)}
              aria-describedby={`${ids}-time-${t.value}-hint`}
            />
            <label htmlFor={`${ids}-time-${t.value}`}>{t.label}</label>
            <span id={`${ids}-time-${t.value}-hint`} className="hint">
              e.g. {formatZonedTime(SAMPLE_TIME, t.zone)}
            </span>
          </div>
        ))}
        <p className="hint">
          Every screen shows times this way and names the zone once (a column header, a caption or beside the time); row details
          and tooltips keep the exact UTC time with milliseconds. Overview months stay calendar months in UTC.
        </p>
      </fieldset>

      <div className="card field">
        <label htmlFor={`${ids}-zone`}>Time zone for exports (IANA name)</label>
        <div className="inline-field">
          <input
            id={`${ids}-zone`}
            type="text"
            list={`${ids}-zones`}
            value={zoneText}
            onChange={(e) => setZoneText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') saveZone();
            }}
            aria-invalid={zoneError !== null}
            aria-describedby={`${ids}-zone-hint`}
            autoComplete="off"
            spellCheck={false}
          />
          <datalist id={`${ids}-zones`}>
            {[UTC_ZONE, local, 'Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Singapore', 'Asia/Tokyo'].map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <button type="button" className="button" onClick={saveZone}>
            Save time zone
          </button>
        </div>
        <p id={`${ids}-zone-hint`} className="hint">
          Now: {settings.exportZone}. Period boundaries of year-end exports start in this zone.
        </p>
        {zoneError !== null ? (
          <p role="alert" className="error-text">
            {zoneError}
          </p>
        ) : null}
        {zoneSaved !== null ? (
          <p role="status" className="success-text">
            {zoneSaved}
          </p>
        ) : null}
      </div>

      <div className="card field">
        <label htmlFor={`${ids}-locale`}>Number format</label>
        <select id={`${ids}-locale`} value={settings.numberLocale} onChange={(e) => settings.setNumberLocale(e.target.value)} aria-describedby={`${ids}-locale-hint`}>
          {NUMBER_LOCALES.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
        <p id={`${ids}-locale-hint`} className="hint">
          Amounts keep every stored digit: {groupDecimal(SAMPLE_AMOUNT, settings.numberLocale)}. Copying a cell copies the plain value.
        </p>
      </div>

      <fieldset className="card field">
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <div key={t.value} className="choice">
            <input id={`${ids}-theme-${t.value}`} type="radio" name={`${ids}-theme`} checked={settings.theme === t.value} onChange={() => settings.setTheme(t.value)} />
            <label htmlFor={`${ids}-theme-${t.value}`}>{t.label}</label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}
