import { SidenoteDb } from './database';

let instance: SidenoteDb | null = null;

/** The one database of this extension context (sidebar, background or options page). */
export function getDb(): SidenoteDb {
  instance ??= new SidenoteDb();
  return instance;
}
