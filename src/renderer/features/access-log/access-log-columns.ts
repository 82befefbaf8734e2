/** Access-log grid columns: events in words (the code in the details and search), security events emphasised. */
import { countryLabel, toCountryCode } from '../../../core/logins/country-code';
import type { AccessLogRecord } from '../../db/database';
import type { GridColumn } from '../cache-grid/grid-columns';
import { accessEventLabel, isSecurityAccessEvent } from '../formatting/event-labels';

export interface AccessLogGridContext {
  readonly accountLabel: (accountKey: string) => string;
}

type Column = GridColumn<AccessLogRecord, AccessLogGridContext>;

export const ACCESS_LOG_COLUMNS: readonly Column[] = [
  { id: 'timestamp', header: 'Time', kind: 'time', value: (r) => r.timestamp },
  { id: 'account', header: 'Account', kind: 'text', value: (r, ctx) => ctx.accountLabel(r.accountKey) },
  {
    id: 'event',
    header: 'Event',
    kind: 'text',
    value: (r) => r.event,
    display: (r) => accessEventLabel(r.event),
    emphasis: (r) => isSecurityAccessEvent(r.event),
  },
  { id: 'ip', header: 'IP', kind: 'text', value: (r) => r.ip },
  // As Deribit wrote it (a name, any case) for search; shown as one name with its ISO code.
  { id: 'country', header: 'Country', kind: 'text', value: (r) => r.country, display: (r) => countryLabel(toCountryCode(r.country)) ?? '' },
  { id: 'city', header: 'City', kind: 'text', value: (r) => r.city },
  { id: 'data', header: 'Data', kind: 'text', value: (r) => r.dataText, minWidth: 220, flex: 1 },
  { id: 'id', header: 'ID', kind: 'integer', value: (r) => r.id },
];

export const accessLogRowId = (row: AccessLogRecord): string => `${row.accountKey}:${row.id}`;
