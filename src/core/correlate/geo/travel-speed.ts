/**
 * Could one person have been at both places? The two places are estimates (coordinates with the
 * source's accuracy, else the country's centre and radius), so the distance that must have been covered
 * is the great-circle distance minus both uncertainties. Travel is impossible only when even that
 * shortest distance needs more than an airliner's speed, after a fixed allowance for airports and
 * GeoIP error (mobile carriers and VPN exits place people hundreds of km off).
 */
import { countryCentroid, type PlaceEstimate } from './country-centroids';
import { greatCircleKm, isLatLon } from './great-circle';

/** Faster than any scheduled airliner's average over a trip (cruise ~900 km/h). */
export const IMPOSSIBLE_SPEED_KMH = 1000;
/** GeoIP error and the way from an address to the runway, on top of the places' own radii. */
export const TRAVEL_MARGIN_KM = 100;

/** A place as a login event can say it: coordinates (with an accuracy radius) when the source gave them, else a country code. */
export interface PlaceSource {
  readonly country: string | null;
  readonly coordinates?: { readonly lat: number; readonly lon: number; readonly radiusKm: number | null } | null;
}

/** Radius assumed for coordinates that come with no accuracy (GeoIP city level). */
const DEFAULT_COORDINATE_RADIUS_KM = 50;

export function placeOf(source: PlaceSource, country: string | null): PlaceEstimate | null {
  const c = source.coordinates;
  if (c && isLatLon(c.lat, c.lon)) return { lat: c.lat, lon: c.lon, radiusKm: Math.max(0, c.radiusKm ?? DEFAULT_COORDINATE_RADIUS_KM) };
  return countryCentroid(country);
}

export interface TravelJudgement {
  /** Centre-to-centre great-circle distance, km. */
  readonly distanceKm: number;
  /** The least distance that must have been covered (after both radii and the margin), km. */
  readonly leastKm: number;
  readonly hours: number;
  /** leastKm / hours; Infinity for a positive distance in no time. */
  readonly speedKmh: number;
  readonly impossible: boolean;
}

export function judgeTravel(from: PlaceEstimate, to: PlaceEstimate, elapsedMs: number, limitKmh = IMPOSSIBLE_SPEED_KMH): TravelJudgement {
  const distanceKm = greatCircleKm(from, to);
  const leastKm = Math.max(0, distanceKm - from.radiusKm - to.radiusKm - TRAVEL_MARGIN_KM);
  const hours = Math.max(0, elapsedMs) / 3_600_000;
  const speedKmh = leastKm === 0 ? 0 : hours === 0 ? Infinity : leastKm / hours;
  return { distanceKm, leastKm, hours, speedKmh, impossible: speedKmh > limitKmh };
}
