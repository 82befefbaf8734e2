import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_GRID_VIEW_STATE, sanitizeViews, useGridViews } from '../../../../src/renderer/features/cache-grid/grid-view-state';

beforeEach(() => useGridViews.setState({ views: {} }));

describe('remembered grid state', () => {
  it('keeps each view apart and merges changes', () => {
    const { update } = useGridViews.getState();
    update('transactions', { filters: { currency: 'ETH' } });
    update('transactions', { widths: { type: 180 } });
    update('access-log', { search: 'disabled' });
    const views = useGridViews.getState().views;
    expect(views.transactions).toEqual({ ...EMPTY_GRID_VIEW_STATE, filters: { currency: 'ETH' }, widths: { type: 180 } });
    expect(views['access-log']).toEqual({ ...EMPTY_GRID_VIEW_STATE, search: 'disabled' });
  });

  it('a damaged saved entry loses only what is damaged', () => {
    const saved = {
      views: {
        transactions: { filters: { currency: 'ETH', type: 7 }, search: 'x', sort: { colId: 'change', descending: 'yes' }, widths: { type: 180, bad: -1 }, detailsOpen: true },
        broken: 'nonsense',
        'login-events': { sort: { colId: 'kind', descending: false } },
      },
    };
    expect(sanitizeViews(saved)).toEqual({
      transactions: { filters: {}, search: 'x', sort: null, widths: {}, detailsOpen: true },
      'login-events': { ...EMPTY_GRID_VIEW_STATE, sort: { colId: 'kind', descending: false } },
    });
    expect(sanitizeViews(null)).toEqual({});
    expect(sanitizeViews({ views: [1, 2] })).toEqual({});
  });
});
