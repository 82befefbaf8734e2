/**
 * Ready-made datasets for e2e tests and manual runs. The demo (src/main/demo) stays clean; these carry
 * deliberate defects whose exact place `sim.corruptionTargets()` reports after start-up.
 */
import type { DatasetSpec } from './sim-types';
import { buildSimUsers } from './sim-users';

const DAY = 86_400_000;
const PRESET_END = Date.UTC(2026, 9, 1);

/** One satoshi: the smallest difference a BTC balance can show. */
export const CORRUPTED_PRESET_DELTA = '0.00000001';

/**
 * Main + 2 subaccounts, BTC/ETH/USDC, 400 rows per stream, and ONE defect: the first subaccount's BTC
 * chain serves one row (the middle one) with its balance off by CORRUPTED_PRESET_DELTA, change kept.
 * Everything else is clean. Overrides may change the size or seed (the subaccount follows the seed).
 */
export function corruptedPreset(overrides: Partial<Omit<DatasetSpec, 'corruptions'>> = {}): DatasetSpec {
  const base: DatasetSpec = {
    seed: 42,
    subaccounts: 2,
    currencies: ['BTC', 'ETH', 'USDC'],
    rowsPerStream: 400,
    accessLogEvents: 1200,
    startTime: PRESET_END - 500 * DAY,
    endTime: PRESET_END,
    ...overrides,
  };
  const sub = buildSimUsers(base.seed, base.subaccounts)[1];
  if (!sub) throw new Error('corruptedPreset needs at least one subaccount');
  if (!base.currencies.includes('BTC')) throw new Error('corruptedPreset needs BTC');
  return { ...base, corruptions: [{ kind: 'alter-balance', userId: sub.userId, currency: 'BTC', delta: CORRUPTED_PRESET_DELTA }] };
}
