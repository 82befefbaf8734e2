/**
 * Reviews are kept in the Dexie cache (schema v5, fake-indexeddb): a review saved by the store is read back
 * by a new connection (a restart), a v3 cache opened by this version keeps its data and gains the table,
 * and reopening removes the review.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../src/core/correlate/incidents';
import { DATABASE_NAME, ReconcilerDatabase } from '../../../../src/renderer/db/database';
import { useIncidentReviews } from '../../../../src/renderer/features/findings/incident-reviews-store';

const incident = { id: 'incident|acc|42', evidenceDigest: '0badcafe', headline: 'Withdrawal of 1 BTC 3 h after 2FA disabled (Pearl)' } as Incident;

describe('incident reviews in the cache', () => {
  it('survive a new connection, and reopening removes them', async () => {
    await useIncidentReviews.getState().markReviewed(incident, '  called Alice  ', 1_700_000_000_000);
    expect(useIncidentReviews.getState().reviews.get(incident.id)?.note).toBe('called Alice');

    const restarted = new ReconcilerDatabase(DATABASE_NAME);
    expect(restarted.verno).toBe(6);
    expect(await restarted.incidentReviews.get(incident.id)).toEqual({
      incidentId: incident.id, evidenceDigest: '0badcafe', note: 'called Alice', reviewedAt: 1_700_000_000_000, headline: incident.headline,
    });
    restarted.close();

    useIncidentReviews.setState({ reviews: new Map(), loaded: false });
    await useIncidentReviews.getState().load();
    expect(useIncidentReviews.getState().reviews.get(incident.id)?.evidenceDigest).toBe('0badcafe');

    await useIncidentReviews.getState().reopen(incident.id);
    expect(useIncidentReviews.getState().reviews.has(incident.id)).toBe(false);
    const again = new ReconcilerDatabase(DATABASE_NAME);
    expect(await again.incidentReviews.count()).toBe(0);
    again.close();
  });

  it('a cache written by schema v3 opens at v5 with its rows and an empty reviews table', async () => {
    const name = 'reviews-upgrade-test';
    const old = new Dexie(name);
    old.version(3).stores({ accounts: '&accountKey', syncIssues: '&issueKey, accountKey, streamKey' });
    await old.table('accounts').put({ accountKey: 'deribit-1', label: 'Kept' });
    old.close();
    const upgraded = new ReconcilerDatabase(name);
    expect((await upgraded.accounts.get('deribit-1'))?.label).toBe('Kept');
    expect(await upgraded.incidentReviews.count()).toBe(0);
    upgraded.close();
  });
});
