import { describe, expect, it } from 'vitest';
import { countryCentroid } from '../../../../src/core/correlate/geo/country-centroids';
import { firstVisitSeverity } from '../../../../src/core/correlate/geo/first-visit';
import { greatCircleKm } from '../../../../src/core/correlate/geo/great-circle';
import { IMPOSSIBLE_SPEED_KMH, judgeTravel, placeOf } from '../../../../src/core/correlate/geo/travel-speed';
import type { MoneyMovement } from '../../../../src/core/correlate/types';

const HOUR = 3_600_000;
const LONDON = { lat: 51.5074, lon: -0.1278 };
const FRANKFURT = { lat: 50.1109, lon: 8.6821 };
const SYDNEY = { lat: -33.8688, lon: 151.2093 };

describe('greatCircleKm', () => {
  it('measures known city pairs within a percent', () => {
    expect(greatCircleKm(LONDON, FRANKFURT)).toBeGreaterThan(630);
    expect(greatCircleKm(LONDON, FRANKFURT)).toBeLessThan(645);
    expect(Math.abs(greatCircleKm(LONDON, SYDNEY) - 16_990) / 16_990).toBeLessThan(0.01);
    expect(greatCircleKm(LONDON, LONDON)).toBe(0);
  });
});

describe('countryCentroid', () => {
  it('gives a centre inside the country and a radius that grows with its area', () => {
    const gb = countryCentroid('GB');
    const ru = countryCentroid('RU');
    const sg = countryCentroid('SG');
    expect(gb && greatCircleKm(gb, LONDON)).toBeLessThan(gb?.radiusKm ?? 0);
    expect(ru?.radiusKm).toBeGreaterThan(3000);
    expect(sg?.radiusKm).toBe(50);
    expect(countryCentroid('United Kingdom')).toBeNull();
    expect(countryCentroid(null)).toBeNull();
  });
});

describe('judgeTravel', () => {
  const city = (p: { lat: number; lon: number }) => ({ ...p, radiusKm: 20 });
  it('London → Frankfurt in an hour is a flight, by city or by country', () => {
    expect(judgeTravel(city(LONDON), city(FRANKFURT), 62 * 60_000).impossible).toBe(false);
    const gb = countryCentroid('GB');
    const de = countryCentroid('DE');
    if (!gb || !de) throw new Error('no centroid');
    expect(judgeTravel(gb, de, 62 * 60_000)).toMatchObject({ impossible: false, leastKm: 0 });
  });

  it('London → Frankfurt in 10 minutes, or London → Sydney in 8 hours, is impossible', () => {
    expect(judgeTravel(city(LONDON), city(FRANKFURT), 10 * 60_000).impossible).toBe(true);
    const trip = judgeTravel(city(LONDON), city(SYDNEY), 8 * HOUR);
    expect(trip.impossible).toBe(true);
    expect(trip.speedKmh).toBeGreaterThan(IMPOSSIBLE_SPEED_KMH);
    expect(judgeTravel(city(LONDON), city(SYDNEY), 22 * HOUR).impossible).toBe(false);
    expect(judgeTravel(city(LONDON), city(FRANKFURT), 0)).toMatchObject({ impossible: true, speedKmh: Infinity });
  });

  it('places a login by its coordinates when given, else by its country', () => {
    expect(placeOf({ country: 'GB', coordinates: { lat: 1, lon: 2, radiusKm: null } }, 'GB')).toEqual({ lat: 1, lon: 2, radiusKm: 50 });
    expect(placeOf({ country: 'GB', coordinates: { lat: 123, lon: 2, radiusKm: 5 } }, 'GB')).toEqual(countryCentroid('GB'));
    expect(placeOf({ country: 'Atlantis' }, 'Atlantis')).toBeNull();
  });
});

describe('firstVisitSeverity', () => {
  const movement = (timestamp: number, ip: string | null): MoneyMovement => ({
    chain: { accountKey: 'a', userId: 1, currency: 'BTC' }, rowId: 1, timestamp, kind: 'withdrawal', change: '-1', ip, username: null,
  });
  const visit = { success: { timestamp: 0, ip: '203.0.113.9' } };
  it('is medium when money moves soon after or from the same address, low otherwise', () => {
    expect(firstVisitSeverity([visit], movement(5 * HOUR, null))).toBe('medium');
    expect(firstVisitSeverity([visit], movement(20 * HOUR, '203.0.113.9'))).toBe('medium');
    expect(firstVisitSeverity([visit], movement(20 * HOUR, '198.51.100.1'))).toBe('low');
  });
});
