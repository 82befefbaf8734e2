/**
 * Where a country is, when a source gives no coordinates: its centre (world-countries' `latlng`) and an
 * uncertainty radius from its area. A login "in GB" may be anywhere from Cornwall to Shetland, so the
 * radius is that of a disc of the country's area, times a stretch for countries that are not round
 * (a disc of Chile's area is 490 km wide; Chile is 4,300 km long), and never below a city's reach.
 */
import worldCountries from 'world-countries';
import type { LatLon } from './great-circle';

export interface PlaceEstimate extends LatLon {
  /** The place is within this many km of (lat, lon). */
  readonly radiusKm: number;
}

/** Disc radius × this: generous on purpose, a false "impossible" costs more than a missed one. */
const SHAPE_STRETCH = 1.5;
/** City states and islands: a login is still somewhere around the metro area and its airports. */
const MIN_RADIUS_KM = 50;

let centroids: ReadonlyMap<string, PlaceEstimate> | null = null;

function table(): ReadonlyMap<string, PlaceEstimate> {
  if (centroids === null) {
    const map = new Map<string, PlaceEstimate>();
    for (const c of worldCountries) {
      const [lat, lon] = c.latlng;
      const radiusKm = Math.max(MIN_RADIUS_KM, SHAPE_STRETCH * Math.sqrt(Math.max(0, c.area) / Math.PI));
      map.set(c.cca2, { lat, lon, radiusKm });
    }
    centroids = map;
  }
  return centroids;
}

/** The centre and uncertainty of an ISO 3166-1 alpha-2 country; null for anything else. */
export function countryCentroid(code: string | null): PlaceEstimate | null {
  return code === null ? null : (table().get(code) ?? null);
}
