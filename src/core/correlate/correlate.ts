/**
 * Correlates money leaving accounts with login/security events from every source. Pure and
 * deterministic: the same inputs give the same findings in the same order (time, then id), so the worker
 * can run it after every sync and the UI can diff results by finding id.
 */
import type { CorrelationEvent } from './event-columns';
import { buildEventTimeline } from './event-timeline';
import { failedBurstFindings, loginHistories, movementsByScope, subaccountLoginFindings, twoCountryFindings } from './identity-signals';
import { accessDeniedFindings, unknownIpFindings } from './ip-signals';
import { groupIncidents, type IncidentGrouping } from './incidents';
import { indexIpRows, type IpRowIndex } from './ip-row-index';
import { deribitNetworks } from './ip-ties';
import { buildMovementSignalIndex, movementFindings } from './movement-signals';
import { byTimeThenRow } from './select-movements';
import { DEFAULT_CORRELATION_OPTIONS, type CorrelationFinding, type CorrelationOptions, type MoneyMovement } from './types';

export function correlate(
  movements: readonly MoneyMovement[],
  events: readonly CorrelationEvent[],
  ipRows: readonly MoneyMovement[] = [],
  options: Partial<CorrelationOptions> = {},
): CorrelationFinding[] {
  return correlateIncidents(movements, events, ipRows, options, false).findings;
}

/** Findings and the incidents they form (one story, one incident; see incidents.ts). */
export function correlateIncidents(
  movements: readonly MoneyMovement[],
  events: readonly CorrelationEvent[],
  ipRows: readonly MoneyMovement[] | IpRowIndex = [],
  options: Partial<CorrelationOptions> = {},
  withIncidents = true,
): { findings: CorrelationFinding[] } & IncidentGrouping {
  const settings: CorrelationOptions = {
    ...DEFAULT_CORRELATION_OPTIONS,
    ...options,
    failedBurst: { ...DEFAULT_CORRELATION_OPTIONS.failedBurst, ...options.failedBurst },
  };
  const timeline = buildEventTimeline(events);
  const sortedMovements = isSorted(movements) ? movements : [...movements].sort(byTimeThenRow);
  // Rows as objects (selectMovements), or already indexed from the pages (the worker's IpRowCollector).
  const ipRowIndex = 'groups' in ipRows ? ipRows : indexIpRows(ipRows);

  const findings: CorrelationFinding[] = [];
  const networks = deribitNetworks(timeline, ipRowIndex);
  const index = buildMovementSignalIndex(timeline, settings, networks);
  for (const movement of sortedMovements) findings.push(...movementFindings(movement, index, settings));
  const histories = loginHistories(timeline);
  findings.push(...failedBurstFindings(histories, movementsByScope(sortedMovements), settings, networks));
  findings.push(...unknownIpFindings(timeline, ipRowIndex, settings.names));
  findings.push(...twoCountryFindings(histories, settings));
  findings.push(...accessDeniedFindings(timeline, ipRowIndex, settings));
  findings.push(...subaccountLoginFindings(timeline, settings.names));
  findings.sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (!withIncidents) return { findings, incidents: [], contextFindingIds: [] };
  return { findings, ...groupIncidents(findings, timeline, networks, { windowMs: settings.windowMs, names: settings.names }) };
}

function isSorted(movements: readonly MoneyMovement[]): boolean {
  for (let i = 1; i < movements.length; i++) {
    if (byTimeThenRow(movements[i - 1] as MoneyMovement, movements[i] as MoneyMovement) > 0) return false;
  }
  return true;
}
