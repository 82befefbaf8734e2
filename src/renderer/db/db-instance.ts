import { ReconcilerDatabase } from './database';

/** The renderer's single database connection. */
export const db = new ReconcilerDatabase();
