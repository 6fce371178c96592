/**
 * The records of the demo CRM, a simulated source for demonstrations and training. A record depends only
 * on the seed, its index and the run number, so every run of a connection with the same settings reads
 * the same data in any browser.
 */
import { isWithinPercent, pickFrom, unitFraction } from './seeded-random.ts';

export interface DemoCrmOptions {
  seed: number;
  profileCount: number;
  changedPercent: number;
  badValuePercent: number;
  noConsentPercent: number;
}

/** Property definitions the demo CRM's columns map to; the column name is the property id. */
export const DEMO_CRM_PROPERTIES = [
  { id: 'email', label: 'Email', type: 'text' },
  { id: 'first_name', label: 'First name', type: 'text' },
  { id: 'last_name', label: 'Last name', type: 'text' },
  { id: 'city', label: 'City', type: 'text' },
  { id: 'postal_code', label: 'Postal code', type: 'text' },
  { id: 'birth_date', label: 'Birth date', type: 'date' },
  { id: 'loyalty_points', label: 'Loyalty points', type: 'number' },
  { id: 'newsletter', label: 'Newsletter', type: 'boolean' },
] as const;

/** The consent objective the CRM's `email_marketing` column sets. */
export const DEMO_CONSENT_OBJECTIVE = { id: 'email_marketing', label: 'Email marketing' } as const;

/** Column names in record order: the properties, then the consent column. */
export const DEMO_CRM_COLUMNS: readonly string[] = [...DEMO_CRM_PROPERTIES.map((property) => property.id), DEMO_CONSENT_OBJECTIVE.id];

const FIRST_NAMES = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Tim', 'Radia', 'Edsger', 'Hedy', 'Donald', 'Karen', 'Niklaus'];
const LAST_NAMES = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Berners-Lee', 'Perlman', 'Dijkstra', 'Lamarr', 'Knuth', 'Spärck Jones', 'Wirth'];
/** City and the first three digits of its postal codes; some start with 0, which must survive import. */
const CITIES: readonly [string, string][] = [
  ['Amsterdam', '101'],
  ['Dresden', '010'],
  ['Lyon', '690'],
  ['Porto', '400'],
  ['Bergen', '500'],
  ['Gdańsk', '800'],
  ['Boston', '021'],
  ['Turin', '101'],
];

/** Wrong-type values the CRM sends for a bad record: [column, value]. */
const BAD_VALUES: readonly [string, string][] = [
  ['loyalty_points', 'n/a'],
  ['birth_date', '1990-02-31'],
  ['newsletter', 'maybe'],
];

/**
 * Counts how many times record `index` changed up to run `runNumber`. Run 1 reads the first version; each later
 * run changes a record with the chance `changedPercent`.
 */
export function recordVersion(options: DemoCrmOptions, index: number, runNumber: number): number {
  let version = 0;
  for (let run = 2; run <= runNumber; run++) {
    if (isWithinPercent(options.changedPercent, options.seed, 'change', index, run)) version += 1;
  }
  return version;
}

/** Returns the email address of record `index`; it never changes, so it identifies the record's profile. */
export function demoEmail(seed: number, index: number): string {
  const first = pickFrom(FIRST_NAMES, seed, 'first', index).toLowerCase();
  const last = pickFrom(LAST_NAMES, seed, 'last', index)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]/g, '');
  return `${first}.${last}.${index + 1}@example.com`;
}

/** Returns the record's values in `DEMO_CRM_COLUMNS` order, as text, the way a CRM export writes them. */
export function demoCrmRecord(options: DemoCrmOptions, index: number, runNumber: number): string[] {
  const { seed } = options;
  const version = recordVersion(options, index, runNumber);
  const [city, postalPrefix] = pickFrom(CITIES, seed, 'city', index, version);
  const values: Record<string, string> = {
    email: demoEmail(seed, index),
    first_name: pickFrom(FIRST_NAMES, seed, 'first', index),
    last_name: pickFrom(LAST_NAMES, seed, 'last', index),
    city,
    postal_code: `${postalPrefix}${String(Math.floor(unitFraction(seed, 'postal', index, version) * 100)).padStart(2, '0')}`,
    birth_date: birthDate(seed, index),
    // Each version adds points, so a changed record always differs from the one before it.
    loyalty_points: String(Math.floor(unitFraction(seed, 'points', index) * 5000) + version * 25),
    newsletter: unitFraction(seed, 'newsletter', index, version) < 0.5 ? 'yes' : 'no',
    email_marketing: isWithinPercent(options.noConsentPercent, seed, 'consent', index) ? 'false' : 'true',
  };
  if (isWithinPercent(options.badValuePercent, seed, 'bad', index, version)) {
    const [column, value] = pickFrom(BAD_VALUES, seed, 'bad-kind', index, version);
    values[column] = value;
  }
  return DEMO_CRM_COLUMNS.map((column) => values[column] as string);
}

function birthDate(seed: number, index: number): string {
  const year = 1950 + Math.floor(unitFraction(seed, 'year', index) * 56);
  const month = 1 + Math.floor(unitFraction(seed, 'month', index) * 12);
  const day = 1 + Math.floor(unitFraction(seed, 'day', index) * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
