/** The display settings grids format with (zone, zone name, number locale), one object while they stay the same. */
import { useMemo } from 'react';
import { displayZone, useSettings } from '../settings/settings-store';
import type { GridDisplay } from './grid-columns';

export function useGridDisplay(): GridDisplay {
  const timeDisplay = useSettings((s) => s.timeDisplay);
  const locale = useSettings((s) => s.numberLocale);
  return useMemo(() => {
    const zone = displayZone({ timeDisplay });
    return { zone, zoneLabel: zone, locale };
  }, [timeDisplay, locale]);
}
