/** Plain names for the correlation signals and an order for showing findings (most severe, newest first). */
import type { CorrelationFinding, CorrelationSeverity, SignalKind } from '../../../core/correlate/types';

export const SIGNAL_NAMES: Readonly<Record<SignalKind, string>> = {
  'security-change-before-withdrawal': 'Security change before money left',
  'api-key-change-before-withdrawal': 'API key change before money left',
  'new-ip-before-movement': 'New IP before money left',
  'new-country-before-movement': 'New country before money left',
  'failed-burst-then-success': 'Failed logins, then a success',
  'unknown-ip-on-row': 'Transaction from an IP no login source knows',
  'two-countries': 'Two countries within hours',
  'access-denied-same-ip': 'Access denied from a used IP',
  'subaccount-login-enabled': 'Subaccount login enabled',
};

const SEVERITY_RANK: Readonly<Record<CorrelationSeverity, number>> = { high: 0, medium: 1, low: 2 };

export function bySeverityThenNewest(a: CorrelationFinding, b: CorrelationFinding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.timestamp - a.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function evidenceCount(finding: CorrelationFinding): number {
  return finding.evidence.rowIds.length + finding.evidence.loginEventKeys.length;
}
