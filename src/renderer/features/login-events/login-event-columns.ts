/** Login-events grid columns: kinds in words, security changes emphasised. */
import { countryLabel, toCountryCode } from '../../../core/logins/country-code';
import type { LoginEvent } from '../../../core/logins/types';
import type { GridColumn } from '../cache-grid/grid-columns';
import { isSecurityLoginKind, loginKindLabel } from '../formatting/event-labels';

export interface LoginEventGridContext {
  readonly sourceLabel: (sourceKey: string) => string;
}

type Column = GridColumn<LoginEvent, LoginEventGridContext>;

export const LOGIN_EVENT_COLUMNS: readonly Column[] = [
  { id: 'timestamp', header: 'Time', kind: 'time', value: (r) => r.timestamp },
  { id: 'source', header: 'Source', kind: 'text', value: (r, ctx) => ctx.sourceLabel(r.sourceKey) },
  { id: 'kind', header: 'Kind', kind: 'text', value: (r) => r.kind, display: (r) => loginKindLabel(r.kind), emphasis: (r) => isSecurityLoginKind(r.kind) },
  { id: 'outcome', header: 'Outcome', kind: 'text', value: (r) => r.outcome },
  { id: 'actor', header: 'Actor', kind: 'text', value: (r) => r.actor },
  { id: 'ip', header: 'IP', kind: 'text', value: (r) => r.ip },
  // Stored as ISO codes (sorted and searched by code), shown as names.
  { id: 'country', header: 'Country', kind: 'text', value: (r) => r.country, display: (r) => countryLabel(toCountryCode(r.country)) ?? '' },
  { id: 'city', header: 'City', kind: 'text', value: (r) => r.city },
  { id: 'detail', header: 'Detail', kind: 'text', value: (r) => r.detail, minWidth: 200, flex: 1 },
  { id: 'id', header: 'ID', kind: 'text', value: (r) => r.id },
];

export const loginEventRowId = (row: LoginEvent): string => row.key;
