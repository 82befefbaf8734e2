/** The zone screens show times in (Settings → Times: this computer's zone or UTC), as a hook. */
import { useMemo } from 'react';
import { displayZone, useSettings } from '../settings/settings-store';

export function useDisplayZone(): string {
  const timeDisplay = useSettings((s) => s.timeDisplay);
  // Asking Intl for the computer's zone costs a formatter: once per setting, not on every pointer move.
  return useMemo(() => displayZone({ timeDisplay }), [timeDisplay]);
}
