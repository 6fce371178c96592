/** The demo a newcomer sees on first start: property definitions and one import connection, switched ON. */
import type { CsvImportSettings, PropertyDefinition } from '../contract/model.ts';
import type { RunlaneDb } from '../storage/db.ts';
import type { Clock } from '../domain/clock.ts';
import { DEMO_CONNECTION_KEY, DEMO_SEEDED_KEY } from './demo-keys.ts';
import { createLogger } from './log.ts';

const log = createLogger('demo');

export { DEMO_CONNECTION_KEY, DEMO_SEEDED_KEY };

export const DEMO_PROPERTIES: PropertyDefinition[] = [
  { id: 'email', label: 'Email', type: 'text' },
  { id: 'first_name', label: 'First name', type: 'text' },
  { id: 'last_name', label: 'Last name', type: 'text' },
  { id: 'city', label: 'City', type: 'text' },
  { id: 'postal_code', label: 'Postal code', type: 'text' },
  { id: 'birth_date', label: 'Birth date', type: 'date' },
  { id: 'loyalty_points', label: 'Loyalty points', type: 'number' },
  { id: 'newsletter', label: 'Newsletter', type: 'boolean' },
];

const DEMO_HEADERS = ['email', 'first_name', 'last_name', 'city', 'postal_code', 'birth_date', 'loyalty_points', 'newsletter'];

/** Seeds the demo once per database; later starts, and a second tab, find the mark and do nothing. */
export async function seedDemo(db: RunlaneDb, clock: Clock, csvUrl: string): Promise<void> {
  const claimed = await db.transaction('rw', db.meta, db.propertyDefinitions, async () => {
    if (await db.meta.get(DEMO_SEEDED_KEY)) return false;
    await db.meta.put({ key: DEMO_SEEDED_KEY, value: clock.nowMs() });
    // A demo reset seeds again: stored definitions keep the label and type the user may have changed.
    const storedIds = new Set(await db.propertyDefinitions.toCollection().primaryKeys());
    await db.propertyDefinitions.bulkAdd(DEMO_PROPERTIES.filter((definition) => !storedIds.has(definition.id)));
    return true;
  });
  if (!claimed) return;
  // The connection commands load only for the first start, not for every start that finds the mark.
  const { createConnection, defaultSchedule } = await import('./connections.ts');
  const response = await fetch(csvUrl);
  if (!response.ok) {
    log.error(`demo file could not be loaded: HTTP ${response.status}`);
    return;
  }
  const file = await response.blob();
  const settings: CsvImportSettings = {
    connector: 'csv-file',
    fileName: 'demo-customers.csv',
    encoding: 'utf-8',
    delimiter: 'auto',
    numberFormat: '1,234.5',
    emptyCellsClear: false,
    headers: DEMO_HEADERS,
    mapping: DEMO_HEADERS.map((column) => ({
      column,
      propertyId: column,
      isIdentifier: column === 'email',
      ...(column === 'birth_date' ? { dateFormat: 'YYYY-MM-DD' as const } : {}),
    })),
  };
  const connection = await createConnection(
    { db, clock },
    {
      input: {
        name: 'Demo CRM import',
        description: 'Imports 1,000 fictional customers from a sample CSV file. A few rows hold wrong-type values on purpose.',
        settings,
        schedule: defaultSchedule(clock.nowMs(), 4),
      },
      file,
      fileName: 'demo-customers.csv',
      enabled: true,
    },
  );
  await db.meta.put({ key: DEMO_CONNECTION_KEY, value: connection.id });
}
