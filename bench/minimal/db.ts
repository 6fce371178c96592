/** The minimal page's database: the same name and the same first two tables as Runlane's. */
import Dexie, { type Table } from 'dexie';

export interface StoredConnection {
  id: string;
  name: string;
  enabled: boolean;
  schedule: { time: string; timeZone: string } | null;
}

export interface StoredRun {
  id: number;
  connectionId: string;
  number: number;
  state: string;
  startedAtMs: number | null;
}

export class MinimalDb extends Dexie {
  connections!: Table<StoredConnection, string>;
  runs!: Table<StoredRun, number>;

  constructor() {
    super('runlane');
    this.version(1).stores({ connections: 'id, name', runs: '++id, connectionId, [connectionId+number], state' });
  }
}

/** Reads the connection's newest run. */
export function loadLastRun(db: MinimalDb, connectionId: string): Promise<StoredRun | undefined> {
  return db.runs.where('[connectionId+number]').between([connectionId, -Infinity], [connectionId, Infinity]).reverse().first();
}
