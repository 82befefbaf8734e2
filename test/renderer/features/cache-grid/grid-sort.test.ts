import { describe, expect, it } from 'vitest';
import { sortFromModel } from '../../../../src/renderer/features/cache-grid/grid-sort';

const fields = ['timestamp', 'type', 'currency'] as const;
const fallback = { field: 'timestamp' as const, descending: true };

describe('sortFromModel', () => {
  it('takes the first indexed column and its direction', () => {
    expect(sortFromModel([{ colId: 'type', sort: 'asc' }], fields, fallback)).toEqual({ field: 'type', descending: false });
    expect(sortFromModel([{ colId: 'currency', sort: 'desc' }], fields, fallback)).toEqual({ field: 'currency', descending: true });
  });
  it('falls back to the default order for no sort or a column without an index', () => {
    expect(sortFromModel([], fields, fallback)).toEqual(fallback);
    expect(sortFromModel(undefined, fields, fallback)).toEqual(fallback);
    expect(sortFromModel([{ colId: 'balance', sort: 'asc' }], fields, fallback)).toEqual(fallback);
  });
});
