/**
 * A time as screens show it: "2024-05-12 19:31:02" in the display zone (the zone named beside it when
 * `named`, else by the surrounding header or caption), the exact UTC instant with milliseconds in the
 * element's dateTime and tooltip.
 */
import { formatZonedTime, formatZonedTimeNamed, fullPrecisionTime } from './zoned-time';

export function ZonedTimeText({ ms, zone, named = false }: { readonly ms: number | null | undefined; readonly zone: string; readonly named?: boolean }) {
  const full = fullPrecisionTime(ms);
  if (full === '') return null;
  return (
    <time dateTime={full} title={full}>
      {named ? formatZonedTimeNamed(ms, zone) : formatZonedTime(ms, zone)}
    </time>
  );
}
