import { DATABASE_NAME, ReconcilerDatabase } from './database';

/**
 * The renderer's single database connection. Strict durability: a committed page and its cursor are on
 * disk before the next page is requested, so even a killed browser process re-fetches at most the page
 * in flight (one fsync per page is nothing at one page per second).
 */
export const db = new ReconcilerDatabase(DATABASE_NAME, { chromeTransactionDurability: 'strict' });
