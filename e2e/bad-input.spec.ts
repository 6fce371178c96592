/**
 * A corpus of bad input from real exports, imported through the New connection form in Chromium. Each
 * file either imports, fails the rows it must, or is rejected with a message that names the problem and
 * the fix. The profile store contains exactly what the counters report, profiles stored earlier survive a
 * failed run, and the worker keeps responding.
 */
import type { Page } from '@playwright/test';
import type { PropertyValue } from '../src/contract/model.ts';
import { countStored, expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage } from './pages/connection-page.ts';
import { ImportConnectionForm } from './pages/import-forms.ts';
import { PropertiesPage } from './pages/profiles-page.ts';
import { downloadLogLines, readProfiles, readWorkerClock, stubFilePicker, writeDeviceFile, type StoredProfile } from './support/import-checks.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });
test.describe.configure({ mode: 'parallel' });

const START = '2026-03-05T10:00:00Z';

/** Counters as the run history shows them: Checked, Added, Updated, Unchanged, Skipped, Failed, Blocked. */
type Counters = [string, string, string, string, string, string, string];

const ZERO: Counters = ['0', '0', '0', '0', '0', '0', '0'];

/** Bytes of Windows-1252 text, as Excel's plain "CSV" format writes them on Windows. */
function windows1252(text: string): Buffer {
  const special: Record<string, number> = { '€': 0x80, '–': 0x96, '“': 0x93, '”': 0x94 };
  return Buffer.from([...text].map((char) => special[char] ?? char.charCodeAt(0)));
}

function sizeOf(content: string | Buffer): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.length;
}

/** Returns the last lines of a run that read every row: what it read, its end and its counters. */
function summaryLogLines(counters: Counters, rowNoun: string, emptyLines = 0): string[] {
  const [checked, added, updated, unchanged, skipped, failed, blocked] = counters;
  const rows = Number(checked) + Number(skipped);
  const leftOut = emptyLines > 0 ? ` and left out ${emptyLines} empty ${emptyLines === 1 ? 'line' : 'lines'}` : '';
  return [
    `[info] Read ${rows} ${rowNoun}${rows === 1 ? '' : 's'}${leftOut}: Checked ${checked}, Added ${added}, Updated ${updated}, Unchanged ${unchanged}, Failed ${failed}, Blocked ${blocked}, Skipped ${skipped}.`,
    `[info] Run finished${failed === '0' ? '' : ' with warnings'}.`,
    `[info] Checked ${checked}, Added ${added}, Updated ${updated}, Unchanged ${unchanged}, Skipped ${skipped}, Failed ${failed}, Blocked by consent ${blocked}.`,
  ];
}

/** Returns the whole log of a first run that read every row of a CSV file. */
function rowRunLog(options: { name: string; reading: string; rowLines: string[]; counters: Counters; emptyLines?: number }): string[] {
  return [
    `[info] Run #1 of "${options.name}" started (trigger: manual; waited 0 s in the queue).`,
    `[info] Reading ${options.reading}.`,
    ...options.rowLines,
    ...summaryLogLines(options.counters, 'data row', options.emptyLines),
  ];
}

/** Returns the log of a run that failed as a whole before it wrote anything. */
function failedRunLog(name: string, runNumber: number, message: string): string[] {
  return [
    `[info] Run #${runNumber} of "${name}" started (trigger: manual; waited 0 s in the queue).`,
    `[error] Run failed: ${message}`,
    '[info] Checked 0, Added 0, Updated 0, Unchanged 0, Skipped 0, Failed 0, Blocked by consent 0.',
  ];
}

/** Waits for a run to end and checks its state, counters and history message. */
async function expectRun(connection: ConnectionPage, runNumber: number, state: string, counters: Counters, message: string): Promise<void> {
  const row = connection.runRow(runNumber);
  await expect(row.locator('.state-badge')).toHaveText(state);
  expect(await connection.counters(runNumber)).toEqual(counters);
  await expect(row.locator('td.message')).toHaveText(message);
}

/** Dismisses the messages shown after saving, which could cover the next form's Save button for a while. */
async function dismissMessages(page: Page): Promise<void> {
  const buttons = page.getByRole('button', { name: 'Dismiss message' });
  for (let count = await buttons.count(); count > 0; count -= 1) await buttons.first().click();
}

function summaryOf(counters: Counters): string {
  const failed = Number(counters[5]);
  if (failed === 0) return 'Finished.';
  return `Finished with warnings: ${failed} ${failed === 1 ? 'row' : 'rows'} failed.`;
}

// ---------------------------------------------------------------------------------------------------
// Files that import row by row

interface RowCase {
  /** The connection's name and the step's title. */
  name: string;
  fileName: string;
  content: string | Buffer;
  /** Changes to the form before saving: read options, types of new properties, date formats. */
  prepare?: (form: ImportConnectionForm) => Promise<void>;
  /** The form's description of the file after its name and size, once `prepare` ran. */
  preview: string;
  /** Rows and columns the form already lists as problems. */
  previewWarnings?: string[];
  /** How the run's first line describes the read, after the file's name and size. */
  reading: string;
  counters: Counters;
  /** Log lines of failed rows and unnamed columns, in file order. */
  rowLines: string[];
  emptyLines?: number;
  /** Every profile the file adds or changes, as stored afterwards. */
  stored: Record<string, StoredProfile>;
}

const COMMA = 'delimiter comma (detected), encoding UTF-8';

function profile(identifier: string, properties: Record<string, PropertyValue>): StoredProfile {
  return { identifier, properties: { email: identifier, ...properties } };
}

/** Files whose line ends, delimiters, quotes, field counts or empty lines need care. */
const SHAPE_CASES: RowCase[] = [
  {
    name: 'Byte-order mark and CRLF',
    fileName: 'excel-utf8.csv',
    content: '\ufeffemail,name,points\r\nbom1@example.com,Bo,1\r\nbom2@example.com,Bea,2\r\n',
    preview: '3 columns, delimiter comma.',
    reading: COMMA,
    counters: ['2', '2', '0', '0', '0', '0', '0'],
    rowLines: [],
    stored: {
      'bom1@example.com': profile('bom1@example.com', { name: 'Bo', points: 1 }),
      'bom2@example.com': profile('bom2@example.com', { name: 'Bea', points: 2 }),
    },
  },
  {
    name: 'CR line ends',
    fileName: 'classic-mac.csv',
    content: 'email,name,points\rcr1@example.com,Cy,3\rcr2@example.com,Cal,three\rcr3@example.com,Cam,4\r',
    preview: '3 columns, delimiter comma.',
    reading: COMMA,
    counters: ['3', '2', '0', '0', '0', '1', '0'],
    rowLines: ['[warn] Line 3, column "points": "three" is not a number (expected a number like 1,234.5).'],
    stored: {
      'cr1@example.com': profile('cr1@example.com', { name: 'Cy', points: 3 }),
      'cr3@example.com': profile('cr3@example.com', { name: 'Cam', points: 4 }),
    },
  },
  {
    name: 'Mixed line ends',
    fileName: 'mixed.csv',
    // Lines: 1 header (LF), 2–3 a CRLF inside quotes (CRLF), 4 (CR), 5–6 a CR inside quotes (LF), 7.
    content: 'email,name,note\nmx1@example.com,Max,"first\r\nsecond"\r\nmx2@example.com,Mo,plain\rmx3@example.com,Mel,"a\rb"\nmx4@example.com,Mia,x,extra\n',
    preview: '3 columns, delimiter comma.',
    previewWarnings: ['Line 7 has 4 fields; the header has 3.'],
    reading: COMMA,
    counters: ['4', '3', '0', '0', '0', '1', '0'],
    rowLines: ['[warn] Line 7 has 4 fields; the header has 3.'],
    stored: {
      'mx1@example.com': profile('mx1@example.com', { name: 'Max', note: 'first\nsecond' }),
      'mx2@example.com': profile('mx2@example.com', { name: 'Mo', note: 'plain' }),
      'mx3@example.com': profile('mx3@example.com', { name: 'Mel', note: 'a\nb' }),
    },
  },
  {
    name: 'Semicolons and decimal commas',
    fileName: 'europe.csv',
    content: 'email;name;points\neu1@example.com;Eva;1.234,5\neu2@example.com;Emil;0,75\neu3@example.com;Enzo;1.234.567\neu4@example.com;Ella;1,234.5\n',
    prepare: async (form) => {
      await form.page.getByLabel('Number format').selectOption('1.234,5');
    },
    preview: '3 columns, delimiter semicolon.',
    reading: 'delimiter semicolon (detected), encoding UTF-8',
    counters: ['4', '3', '0', '0', '0', '1', '0'],
    rowLines: ['[warn] Line 5, column "points": "1,234.5" is not a number (expected a number like 1.234,5).'],
    stored: {
      'eu1@example.com': profile('eu1@example.com', { name: 'Eva', points: 1234.5 }),
      'eu2@example.com': profile('eu2@example.com', { name: 'Emil', points: 0.75 }),
      'eu3@example.com': profile('eu3@example.com', { name: 'Enzo', points: 1234567 }),
    },
  },
  {
    name: 'Tabs',
    fileName: 'export.tsv',
    content: 'email\tname\tnote\ntab1@example.com\tTia\tLondon, UK\ntab2@example.com\tTom\t"Quoted\ttab"\n',
    preview: '3 columns, delimiter tab.',
    reading: 'delimiter tab (detected), encoding UTF-8',
    counters: ['2', '2', '0', '0', '0', '0', '0'],
    rowLines: [],
    stored: {
      'tab1@example.com': profile('tab1@example.com', { name: 'Tia', note: 'London, UK' }),
      'tab2@example.com': profile('tab2@example.com', { name: 'Tom', note: 'Quoted\ttab' }),
    },
  },
  {
    name: 'Quoted line breaks and quotes',
    fileName: 'notes.csv',
    // "Sam" Smith has text after its closing quote, and no later quote closes it, so line 7 joins its row.
    content: [
      'email,name,note',
      'q1@example.com,Quinn,"Line one\nLine two"',
      'q2@example.com,Rosa,"She said ""hi"", then left"',
      'q3@example.com,Sid,"""Quoted"" at the start"',
      'q4@example.com,"Sam" Smith,x',
      'q5@example.com,Uma,ok',
      '',
    ].join('\n'),
    preview: '3 columns, delimiter comma.',
    previewWarnings: [
      'Line 6: a quoted value has text after its closing quote, so lines 6 to 7 were read as one row. Quote the whole value and double any quote inside it ("").',
    ],
    reading: COMMA,
    counters: ['4', '3', '0', '0', '0', '1', '0'],
    rowLines: [
      '[warn] Line 6: a quoted value has text after its closing quote, so lines 6 to 7 were read as one row. Quote the whole value and double any quote inside it ("").',
    ],
    stored: {
      'q1@example.com': profile('q1@example.com', { name: 'Quinn', note: 'Line one\nLine two' }),
      'q2@example.com': profile('q2@example.com', { name: 'Rosa', note: 'She said "hi", then left' }),
      'q3@example.com': profile('q3@example.com', { name: 'Sid', note: '"Quoted" at the start' }),
    },
  },
  {
    name: 'Unterminated quote',
    fileName: 'open-quote.csv',
    content: 'email,name,note\nu1@example.com,Una,fine\nu2@example.com,Vic,"starts here\nu3@example.com,Wes,fine\nu4@example.com,Xia,fine\n',
    preview: '3 columns, delimiter comma.',
    previewWarnings: ['Line 3: a quoted value has no closing quote, so lines 3 to 5 were read as one row. Add the missing quote.'],
    reading: COMMA,
    counters: ['2', '1', '0', '0', '0', '1', '0'],
    rowLines: ['[warn] Line 3: a quoted value has no closing quote, so lines 3 to 5 were read as one row. Add the missing quote.'],
    stored: { 'u1@example.com': profile('u1@example.com', { name: 'Una', note: 'fine' }) },
  },
  {
    name: 'Too few and too many fields',
    fileName: 'fields.csv',
    content: 'email,name,note\nfc1@example.com,Fay,a\nfc2@example.com,Gus\nfc3@example.com,Hal,b,extra\nfc4@example.com,Ivy,c,\n',
    preview: '3 columns, delimiter comma.',
    previewWarnings: ['Line 3 has 2 fields; the header has 3.', 'Line 4 has 4 fields; the header has 3.', 'Line 5 has 4 fields; the header has 3.'],
    reading: COMMA,
    counters: ['4', '1', '0', '0', '0', '3', '0'],
    rowLines: ['[warn] Line 3 has 2 fields; the header has 3.', '[warn] Line 4 has 4 fields; the header has 3.', '[warn] Line 5 has 4 fields; the header has 3.'],
    stored: { 'fc1@example.com': profile('fc1@example.com', { name: 'Fay', note: 'a' }) },
  },
  {
    name: 'Blank lines',
    fileName: 'gaps.csv',
    // Lines 2, 4 (spaces), 5 (only a delimiter) and 7 contain no value.
    content: 'email,name\r\n\r\nbl1@example.com,Bea\r\n   \r\n,\r\nbl2@example.com,Ben\r\n\r\n',
    preview: '2 columns, delimiter comma.',
    reading: COMMA,
    counters: ['2', '2', '0', '0', '0', '0', '0'],
    rowLines: [],
    emptyLines: 4,
    stored: {
      'bl1@example.com': profile('bl1@example.com', { name: 'Bea' }),
      'bl2@example.com': profile('bl2@example.com', { name: 'Ben' }),
    },
  },
];

/** Files whose header, encoding, numbers, dates or identifiers need care. */
const VALUE_CASES: RowCase[] = [
  {
    name: 'Thousands separators',
    fileName: 'points.csv',
    // The last row's unquoted thousands comma splits the number into two fields.
    content: [
      'email,name,points',
      'th1@example.com,Theo,"1,234.5"',
      'th2@example.com,Tara,"12,345,678"',
      'th3@example.com,Tim,-0.5',
      'th4@example.com,Tess,"1,23"',
      'th5@example.com,Ty,"1.234,5"',
      'th6@example.com,Tod,1,500',
      '',
    ].join('\n'),
    preview: '3 columns, delimiter comma.',
    reading: COMMA,
    counters: ['6', '3', '0', '0', '0', '3', '0'],
    rowLines: [
      '[warn] Line 5, column "points": "1,23" is not a number (expected a number like 1,234.5).',
      '[warn] Line 6, column "points": "1.234,5" is not a number (expected a number like 1,234.5).',
      '[warn] Line 7 has 4 fields; the header has 3.',
    ],
    stored: {
      'th1@example.com': profile('th1@example.com', { name: 'Theo', points: 1234.5 }),
      'th2@example.com': profile('th2@example.com', { name: 'Tara', points: 12345678 }),
      'th3@example.com': profile('th3@example.com', { name: 'Tim', points: -0.5 }),
    },
  },
  {
    name: 'Column without a name',
    fileName: 'unnamed.csv',
    content: 'email,,name\nun1@example.com,internal 7,Una\n',
    prepare: async (form) => {
      await expect(form.page.getByLabel('Property for column', { exact: true })).toHaveValue('');
    },
    preview: '3 columns, delimiter comma.',
    previewWarnings: ['Column 2 has no name, so it cannot be mapped.'],
    reading: COMMA,
    counters: ['1', '1', '0', '0', '0', '0', '0'],
    rowLines: ['[warn] Column 2 has no name in the header, so its values are not imported.'],
    stored: { 'un1@example.com': profile('un1@example.com', { name: 'Una' }) },
  },
  {
    name: 'Windows-1252 from Excel',
    fileName: 'excel-ansi.csv',
    content: windows1252('email,name,note\r\nw1@example.com,Zoë,Café crème\r\nw2@example.com,Jürgen,Price € 12 – “special”\r\n'),
    prepare: async (form) => {
      // Read as UTF-8, the file is rejected with a message that names the fix; Windows-1252 then reads it.
      await expect(form.page.getByRole('alert')).toHaveText(
        'The file is not valid UTF-8 text: it has invalid bytes on line 2. Save it from your spreadsheet program as "CSV UTF-8", or choose Windows-1252 as the connection\'s encoding.',
      );
      await form.page.getByLabel('Encoding').selectOption('windows-1252');
      await expect(form.page.getByRole('alert')).toHaveCount(0);
    },
    preview: '3 columns, delimiter comma.',
    reading: 'delimiter comma (detected), encoding Windows-1252',
    counters: ['2', '2', '0', '0', '0', '0', '0'],
    rowLines: [],
    stored: {
      'w1@example.com': profile('w1@example.com', { name: 'Zoë', note: 'Café crème' }),
      'w2@example.com': profile('w2@example.com', { name: 'Jürgen', note: 'Price € 12 – “special”' }),
    },
  },
  {
    name: 'Dates in several formats',
    fileName: 'dates.csv',
    // Columns and their declared formats: birthday DD/MM/YYYY, signed_up MM/DD/YYYY, renewed DD.MM.YYYY,
    // last_order DD-MM-YYYY and first_seen YYYY-MM-DD. Each later row breaks one of them.
    content: [
      'email,birthday,signed_up,renewed,last_order,first_seen',
      'd1@example.com,31/03/1990,03/31/2024,31.03.2024,31-03-2024,2024-03-31',
      'd2@example.com,1/3/1990,3/1/2024,1.3.2024,1-3-2024,2024-03-01',
      'd3@example.com,1990-03-31,03/31/2024,31.03.2024,31-03-2024,2024-03-31',
      'd4@example.com,31/03/1990,31/03/2024,31.03.2024,31-03-2024,2024-03-31',
      'd5@example.com,31/03/1990,03/31/2024,29.02.2023,31-03-2024,2024-03-31',
      'd6@example.com,31/03/1990,03/31/2024,31.03.2024,31/12/2024,2024-03-31',
      'd7@example.com,31/03/1990,03/31/2024,31.03.2024,31-03-2024,2024-3-1',
      '',
    ].join('\n'),
    prepare: async (form) => {
      const page = form.page;
      await page.getByLabel('Date format of column birthday').selectOption('DD/MM/YYYY');
      for (const [column, format] of [['signed_up', 'MM/DD/YYYY'], ['renewed', 'DD.MM.YYYY'], ['last_order', 'DD-MM-YYYY']]) {
        await form.setNewPropertyType(column, 'date');
        await page.getByLabel(`Date format of column ${column}`).selectOption(format);
      }
      await expect(page.getByLabel('Type of new property first_seen')).toHaveValue('date');
      await expect(page.getByLabel('Date format of column first_seen')).toHaveValue('YYYY-MM-DD');
    },
    preview: '6 columns, delimiter comma.',
    reading: COMMA,
    counters: ['7', '2', '0', '0', '0', '5', '0'],
    rowLines: [
      '[warn] Line 4, column "birthday": "1990-03-31" is not a valid date (expected a date in DD/MM/YYYY format, like 31/03/2024).',
      '[warn] Line 5, column "signed_up": "31/03/2024" is not a valid date (expected a date in MM/DD/YYYY format, like 03/31/2024).',
      '[warn] Line 6, column "renewed": "29.02.2023" is not a valid date (expected a date in DD.MM.YYYY format, like 31.03.2024).',
      '[warn] Line 7, column "last_order": "31/12/2024" is not a valid date (expected a date in DD-MM-YYYY format, like 31-03-2024).',
      '[warn] Line 8, column "first_seen": "2024-3-1" is not a valid date (expected a date in YYYY-MM-DD format, like 2024-03-31).',
    ],
    stored: {
      'd1@example.com': profile('d1@example.com', { birthday: '1990-03-31', signed_up: '2024-03-31', renewed: '2024-03-31', last_order: '2024-03-31', first_seen: '2024-03-31' }),
      'd2@example.com': profile('d2@example.com', { birthday: '1990-03-01', signed_up: '2024-03-01', renewed: '2024-03-01', last_order: '2024-03-01', first_seen: '2024-03-01' }),
    },
  },
  {
    name: 'Same identifier repeated',
    fileName: 'repeat.csv',
    // Identifiers ignore letter case: row 2 adds, row 3 updates, row 4 changes nothing, and row 5's empty
    // name keeps the stored one while its points update. The first spelling stays.
    content: 'email,name,points\nMia@Example.com,Mia,1\nmia@example.com,Mia R.,2\nMIA@EXAMPLE.COM,Mia R.,2\nmia@example.com,,3\n',
    preview: '3 columns, delimiter comma.',
    reading: COMMA,
    counters: ['4', '1', '2', '1', '0', '0', '0'],
    rowLines: [],
    stored: { 'mia@example.com': profile('Mia@Example.com', { name: 'Mia R.', points: 3 }) },
  },
];

/** Adds the properties that every case maps by column name; the dates case adds its own. */
async function addSharedProperties(page: Page): Promise<void> {
  await goToScreen(page, '/settings/properties');
  const properties = new PropertiesPage(page);
  const shared = [
    ['email', 'Email', 'Text'],
    ['name', 'Name', 'Text'],
    ['note', 'Note', 'Text'],
    ['points', 'Points', 'Number'],
    ['birthday', 'Birthday', 'Date'],
  ] as const;
  for (const [id, label, type] of shared) {
    await properties.add(id, label, type);
    await expect(properties.row(id)).toBeVisible();
  }
}

/** Imports each file through the form in one page, then checks the store against the counters. */
async function importRowCases(page: Page, cases: readonly RowCase[]): Promise<void> {
  await openApp(page, { clock: START });
  await addSharedProperties(page);
  const form = new ImportConnectionForm(page);
  const connection = new ConnectionPage(page);

  for (const corpusCase of cases) {
    await test.step(corpusCase.name, async () => {
      await goToScreen(page, '/');
      await form.open();
      await form.pickFile({ name: corpusCase.fileName, content: corpusCase.content });
      await corpusCase.prepare?.(form);
      const size = `${sizeOf(corpusCase.content)} bytes`;
      await expect(page.getByText(`${corpusCase.fileName}: ${size}, ${corpusCase.preview}`, { exact: true })).toBeVisible();
      const warnings = page.locator('.inspection-warnings li');
      if (corpusCase.previewWarnings) await expect(warnings).toHaveText(corpusCase.previewWarnings);
      else await expect(warnings).toHaveCount(0);
      await expect(page.getByRole('radio', { name: 'Column email is the identifier' })).toBeChecked();

      await form.setName(corpusCase.name);
      await form.save();
      await expect(page.getByRole('heading', { name: corpusCase.name, level: 1 })).toBeVisible();
      await dismissMessages(page);
      const state = corpusCase.counters[5] === '0' ? 'Finished' : 'Finished with warnings';
      await expectRun(connection, 1, state, corpusCase.counters, summaryOf(corpusCase.counters));

      const reading = `file ${corpusCase.fileName} (${size}), ${corpusCase.reading}`;
      expect(await downloadLogLines(page, connection, 1)).toEqual(
        rowRunLog({ name: corpusCase.name, reading, rowLines: corpusCase.rowLines, counters: corpusCase.counters, emptyLines: corpusCase.emptyLines }),
      );
      expect(await readProfiles(page, Object.keys(corpusCase.stored))).toEqual(corpusCase.stored);
    });
  }

  // The store contains what the counters report: one profile per Added row.
  const added = cases.reduce((total, corpusCase) => total + Number(corpusCase.counters[1]), 0);
  expect(await countStored(page, 'profiles')).toBe(added);
  expect(await countStored(page, 'connections')).toBe(cases.length);
  expect(await countStored(page, 'runs')).toBe(cases.length);
  expect(await readWorkerClock(page)).toBe(Date.parse(START));
}

test('CSV line ends, delimiters and quotes', async ({ page }) => {
  await importRowCases(page, SHAPE_CASES);
  expect(await countStored(page, 'propertyDefinitions')).toBe(5);
});

test('CSV headers, encodings and values', async ({ page }) => {
  await importRowCases(page, VALUE_CASES);
  // The unnamed column created no property: the five shared ones and the four date columns.
  expect(await countStored(page, 'propertyDefinitions')).toBe(9);
});

// ---------------------------------------------------------------------------------------------------
// Files the form rejects before a connection exists

interface RejectedCase {
  fileName: string;
  format: 'csv' | 'json';
  content: string | Buffer;
  prepare?: (form: ImportConnectionForm) => Promise<void>;
  message: string | RegExp;
}

const REJECTED_CASES: RejectedCase[] = [
  { fileName: 'empty.csv', format: 'csv', content: '', message: 'The file is empty. Pick a CSV file whose first line names the columns.' },
  {
    fileName: 'no-names.csv',
    format: 'csv',
    content: ',,\na,b,c\n',
    message: 'Line 1 names no columns. The first line of the file must contain the column names, separated by commas, semicolons or tabs.',
  },
  {
    fileName: 'duplicates.csv',
    format: 'csv',
    content: 'email,name,phone,name\nada@example.com,Ada,0123,Ada L.\n',
    message: 'The header has more than one column named "name" (columns 2 and 4). Rename or remove the extra columns so that each name is unique, and pick the file again.',
  },
  {
    fileName: 'open-header.csv',
    format: 'csv',
    content: '"email,name\nada@example.com,Ada\n',
    message: 'A quoted column name on line 1 has no proper closing quote. The first line of the file must contain the column names, separated by commas, semicolons or tabs.',
  },
  {
    fileName: 'customers.xlsx',
    format: 'csv',
    content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]),
    message: 'The file is not CSV text: it is a ZIP archive, such as an Excel workbook (.xlsx). Save it from your spreadsheet program as "CSV UTF-8" and pick it again.',
  },
  {
    fileName: 'unicode.txt',
    format: 'csv',
    // Excel's "Unicode Text": UTF-16 little-endian with a byte-order mark, tab-separated.
    content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('email\tname\r\nada@example.com\tAda\r\n', 'utf16le')]),
    message: 'The file is UTF-16 text, which Runlane does not read. Save it from your spreadsheet program as "CSV UTF-8" and pick it again.',
  },
  {
    fileName: 'utf8-as-ansi.csv',
    format: 'csv',
    content: '\ufeffemail,name\nada@example.com,Ada\n',
    prepare: async (form) => {
      await form.page.getByLabel('Encoding').selectOption('windows-1252');
    },
    message: "The file starts with a UTF-8 byte-order mark, so it is UTF-8 text, but the connection reads it as Windows-1252. Choose UTF-8 as the connection's encoding.",
  },
  {
    fileName: 'object.json',
    format: 'json',
    content: '{\n  "customers": [\n    {"email": "ada@example.com"}\n  ]\n}\n',
    // The middle of the message is the JavaScript engine's own description of the syntax error.
    message:
      /^The file is not valid JSON: line 1 is not a complete JSON value \(.+\)\. If the file is one object spread over several lines, it must be an array of objects instead; if it is an array, choose JSON array\. Nothing was imported\.$/,
  },
  {
    fileName: 'wrapped.json',
    format: 'json',
    content: '{"customers": [{"email": "ada@example.com"}, {"email": "grace@example.com"}]}\n',
    message:
      'The value of every key in the file\'s objects ("customers") is an object or an array, so no key can be imported. Keys need text, number or true/false values. If the file is one object that wraps the list of customers, such as {"customers": [{…}, {…}]}, save the list on its own as a JSON array.',
  },
  {
    fileName: 'empty-array.json',
    format: 'json',
    content: '[]\n',
    message: 'The file\'s array is empty, so there is nothing to import. Pick a file with at least one object, such as [{"email": "ada@example.com"}].',
  },
  {
    fileName: 'numbers.json',
    format: 'json',
    content: '[\n  1,\n  2\n]\n',
    message:
      'The file contains no objects with keys: the item on line 2 is a number. Each item must be an object whose keys become columns, such as {"email": "ada@example.com"}.',
  },
  {
    fileName: 'one-object.json',
    format: 'json',
    content: '{"email": "ada@example.com", "name": "Ada"}',
    prepare: async (form) => {
      await form.page.getByLabel('Layout').selectOption('array');
    },
    message:
      'The file is not valid JSON: it is one JSON object, not an array of objects. Runlane reads a JSON array ([{…}, {…}]) or JSON lines (one object per line); if each line of the file is one object, choose JSON lines. Nothing was imported.',
  },
  {
    fileName: 'customers.json',
    format: 'json',
    content: 'email,name\nada@example.com,Ada\n',
    message:
      'The file is not valid JSON: it must be an array of objects that starts with "[", or JSON lines with one object per line, but it starts with "email,name\\na". Nothing was imported.',
  },
  {
    fileName: 'cut-off.json',
    format: 'json',
    content: '[\n  {"email": "ada@example.com", "name": "Ada"},\n  {"email": "grace@example.com", "na',
    message:
      'The file is not valid JSON: it ends inside a text value before its array is closed with "]", so the file is probably cut off. The last complete item starts on line 2. Get the complete file and run again. Nothing was imported.',
  },
  {
    fileName: 'trailing-comma.json',
    format: 'json',
    content: '[\n  {"email": "ada@example.com"},\n]\n',
    message: 'The file is not valid JSON: line 3: a "]" follows a comma. Remove the comma after the last item. Nothing was imported.',
  },
];

test('form rejects unreadable files', async ({ page }) => {
  await openApp(page, { clock: START });
  const form = new ImportConnectionForm(page);

  for (const corpusCase of REJECTED_CASES) {
    await test.step(corpusCase.fileName, async () => {
      await goToScreen(page, '/');
      await form.open();
      if (corpusCase.format === 'json') await form.chooseConnector('JSON file');
      await corpusCase.prepare?.(form);
      if (corpusCase.format === 'json') await form.pickJsonFile(corpusCase.fileName, corpusCase.content.toString());
      else await form.pickFile({ name: corpusCase.fileName, content: corpusCase.content });
      await expect(page.getByRole('alert')).toHaveText(corpusCase.message);

      // Saving shows the same reason again and creates nothing.
      await form.setName(corpusCase.fileName);
      await form.save();
      await expect(page.getByRole('alert')).toHaveText([corpusCase.message, corpusCase.message]);
      await expect(page.getByRole('heading', { name: 'New connection', level: 1 })).toBeVisible();
    });
  }

  expect(await countStored(page, 'connections')).toBe(0);
  expect(await countStored(page, 'files')).toBe(0);
  expect(await countStored(page, 'propertyDefinitions')).toBe(0);
  expect(await readWorkerClock(page)).toBe(Date.parse(START));
});

// ---------------------------------------------------------------------------------------------------
// Whole-run failures

const GOOD_CSV = 'email,name,points\nada@example.com,Ada,10\ngrace@example.com,Grace,20\n';

const ADA_AND_GRACE = {
  'ada@example.com': profile('ada@example.com', { name: 'Ada', points: 10 }),
  'grace@example.com': profile('grace@example.com', { name: 'Grace', points: 20 }),
};

/** Returns a CSV file of `rows` valid rows whose last line has a Windows-1252 byte, which is invalid UTF-8. */
function csvWithLateInvalidByte(rows: number): Buffer {
  const lines = ['email,name'];
  for (let i = 1; i <= rows; i++) lines.push(`late${i}@example.com,Name ${i}`);
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), windows1252('late-last@example.com,Zoë\n')]);
}

test('whole-run failures keep stored profiles', async ({ page }) => {
  await stubFilePicker(page, 'customers.csv');
  await openApp(page, { clock: START });
  await writeDeviceFile(page, 'customers.csv', GOOD_CSV);

  const form = new ImportConnectionForm(page);
  await form.open();
  await page.getByRole('radio', { name: /^Read the file on this device at each run/ }).check();
  await page.getByRole('button', { name: 'Choose the CSV file on this device…' }).click();
  await expect(page.getByText('customers.csv: 68 bytes, 3 columns, delimiter comma.', { exact: true })).toBeVisible();
  await form.setNewPropertyType('points', 'number');
  await form.setName('Device file');
  await form.save();
  const connection = new ConnectionPage(page);
  await expectRun(connection, 1, 'Finished', ['2', '2', '0', '0', '0', '0', '0'], 'Finished.');
  await dismissMessages(page);
  expect(await readProfiles(page, Object.keys(ADA_AND_GRACE))).toEqual(ADA_AND_GRACE);

  // Another program saves a broken file over it; each run fails as a whole and writes nothing.
  const broken: { title: string; content: string | Buffer; message: string }[] = [
    {
      title: 'duplicate header',
      content: 'email,name,points,name\nada@example.com,Ada,11,A\n',
      message: 'The header has more than one column named "name" (columns 2 and 4). Rename or remove the extra columns so that each name is unique, and pick the file again.',
    },
    {
      title: 'Windows-1252 bytes',
      content: windows1252('email,name,points\nada@example.com,Ada,11\ngrace@example.com,Grâce,21\n'),
      message: 'The file is not valid UTF-8 text: it has invalid bytes on line 3. Save it from your spreadsheet program as "CSV UTF-8", or choose Windows-1252 as the connection\'s encoding.',
    },
    {
      title: 'renamed column',
      content: 'email,name,loyalty\nada@example.com,Ada,11\n',
      message: 'The file has no column named "points", which the mapping uses. Pick a file that has these columns, or change the mapping.',
    },
    { title: 'empty file', content: '', message: 'The file is empty. Pick a CSV file whose first line names the columns.' },
  ];
  let runNumber = 1;
  for (const version of broken) {
    await test.step(version.title, async () => {
      runNumber += 1;
      await writeDeviceFile(page, 'customers.csv', version.content);
      await connection.runNow();
      await expectRun(connection, runNumber, 'Failed', ZERO, version.message);
      expect(await downloadLogLines(page, connection, runNumber)).toEqual(failedRunLog('Device file', runNumber, version.message));
      expect(await readProfiles(page, Object.keys(ADA_AND_GRACE))).toEqual(ADA_AND_GRACE);
      expect(await countStored(page, 'profiles')).toBe(2);
    });
  }

  // The fixed file: Grace's row was applied by run 1 and is Skipped, so the failed runs left the record of
  // applied rows as it was. Ada changed, Alan fails, Linus is new.
  await writeDeviceFile(page, 'customers.csv', `${GOOD_CSV.replace('Ada,10', 'Ada,11')}alan@example.com,Alan,x\nlinus@example.com,Linus,5\n`);
  await connection.runNow();
  await expectRun(connection, 6, 'Finished with warnings', ['3', '1', '1', '0', '1', '1', '0'], 'Finished with warnings: 1 row failed.');
  expect(await readProfiles(page, ['ada@example.com', 'grace@example.com', 'alan@example.com', 'linus@example.com'])).toEqual({
    'ada@example.com': profile('ada@example.com', { name: 'Ada', points: 11 }),
    'grace@example.com': ADA_AND_GRACE['grace@example.com'],
    'alan@example.com': null,
    'linus@example.com': profile('linus@example.com', { name: 'Linus', points: 5 }),
  });

  // A stored copy whose invalid byte comes after 3,000 valid rows, beyond what the form reads: the run
  // finds it before its first batch and writes none of those rows.
  await goToScreen(page, '/');
  await form.open();
  await form.pickFile({ name: 'late-bytes.csv', content: csvWithLateInvalidByte(3000) });
  await expect(page.getByText(/^late-bytes\.csv: \d+\.\d kB, 2 columns, delimiter comma\.$/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await form.setName('Late bytes');
  await form.save();
  const lateMessage = 'The file is not valid UTF-8 text: it has invalid bytes on line 3002. Save it from your spreadsheet program as "CSV UTF-8", or choose Windows-1252 as the connection\'s encoding.';
  await expectRun(connection, 1, 'Failed', ZERO, lateMessage);
  expect(await downloadLogLines(page, connection, 1)).toEqual(failedRunLog('Late bytes', 1, lateMessage));
  expect(await readProfiles(page, ['late1@example.com'])).toEqual({ 'late1@example.com': null });
  expect(await countStored(page, 'profiles')).toBe(3);
  expect(await readWorkerClock(page)).toBe(Date.parse(START));
});

// ---------------------------------------------------------------------------------------------------
// JSON files

/** Returns a pretty-printed array of `count` customers; item k starts on line 4k − 2. */
function jsonCustomers(count: number, prefix: string): string {
  const items = Array.from({ length: count }, (_, index) => ({ email: `${prefix}${index + 1}@example.com`, name: `Name ${index + 1}` }));
  return `${JSON.stringify(items, null, 2)}\n`;
}

test('JSON files fail items or runs', async ({ page }) => {
  await stubFilePicker(page, 'customers.json');
  await openApp(page, { clock: START });
  const form = new ImportConnectionForm(page);
  const connection = new ConnectionPage(page);

  // JSON lines: an empty line is left out, an array and a last line cut off without its end fail.
  const lines = '{"email": "jl1@example.com", "name": "Jo"}\n\n[1, 2]\n{"email": "jl2@example.com", "name": "Jay"}\n{"email": "jl3@example.com", "na';
  await form.open();
  await form.chooseConnector('JSON file');
  await form.pickJsonFile('events.jsonl', lines);
  await expect(page.getByText(`events.jsonl: ${sizeOf(lines)} bytes, 2 keys, JSON lines.`, { exact: true })).toBeVisible();
  await form.setName('JSON lines');
  await form.save();
  await expectRun(connection, 1, 'Finished with warnings', ['4', '2', '0', '0', '0', '2', '0'], 'Finished with warnings: 2 rows failed.');
  await dismissMessages(page);
  const linesLog = await downloadLogLines(page, connection, 1);
  expect(linesLog.slice(0, 3)).toEqual([
    '[info] Run #1 of "JSON lines" started (trigger: manual; waited 0 s in the queue).',
    `[info] Reading file events.jsonl (${sizeOf(lines)} bytes), JSON lines, encoding UTF-8.`,
    '[warn] Line 3: the item is an array, not an object with keys, so it cannot be imported.',
  ]);
  // The middle of this line is the JavaScript engine's own description of the syntax error.
  expect(linesLog[3]).toMatch(/^\[warn\] Line 5 is not valid JSON \(.+\)\. The line ends the file without a line end, so the file may be cut off\.$/);
  expect(linesLog.slice(4)).toEqual(summaryLogLines(['4', '2', '0', '0', '0', '2', '0'], 'item', 1));
  expect(await readProfiles(page, ['jl1@example.com', 'jl2@example.com', 'jl3@example.com'])).toEqual({
    'jl1@example.com': profile('jl1@example.com', { name: 'Jo' }),
    'jl2@example.com': profile('jl2@example.com', { name: 'Jay' }),
    'jl3@example.com': null,
  });

  // A linked JSON array: a good run, then an object and a cut-off file in its place, then the good file.
  await writeDeviceFile(page, 'customers.json', jsonCustomers(2, 'array'));
  await goToScreen(page, '/');
  await form.open();
  await form.chooseConnector('JSON file');
  await page.getByRole('radio', { name: /^Read the file on this device at each run/ }).check();
  await page.getByRole('button', { name: 'Choose the JSON file on this device…' }).click();
  await expect(page.getByText(/^customers\.json: \d+ bytes, 2 keys, JSON array\.$/)).toBeVisible();
  await form.setName('JSON array');
  await form.save();
  await expectRun(connection, 1, 'Finished', ['2', '2', '0', '0', '0', '0', '0'], 'Finished.');
  const arrayProfiles = {
    'array1@example.com': profile('array1@example.com', { name: 'Name 1' }),
    'array2@example.com': profile('array2@example.com', { name: 'Name 2' }),
  };

  const cutOff = jsonCustomers(2000, 'array');
  const broken: { title: string; content: string; message: string }[] = [
    {
      title: 'one object',
      content: '{"customers": [{"email": "array1@example.com", "name": "Ann"}]}\n',
      message:
        'The file is not valid JSON: it is one JSON object, not an array of objects. Runlane reads a JSON array ([{…}, {…}]) or JSON lines (one object per line); if each line of the file is one object, choose JSON lines. Nothing was imported.',
    },
    {
      // Cut inside item 1,500, which starts on line 5,998; the items before it would fill two batches.
      title: 'cut off',
      content: cutOff.slice(0, cutOff.indexOf('"array1500@') + 5),
      message:
        'The file is not valid JSON: it ends inside a text value before its array is closed with "]", so the file is probably cut off. The last complete item starts on line 5994. Get the complete file and run again. Nothing was imported.',
    },
  ];
  let runNumber = 1;
  for (const version of broken) {
    await test.step(version.title, async () => {
      runNumber += 1;
      await writeDeviceFile(page, 'customers.json', version.content);
      await connection.runNow();
      await expectRun(connection, runNumber, 'Failed', ZERO, version.message);
      expect(await downloadLogLines(page, connection, runNumber)).toEqual(failedRunLog('JSON array', runNumber, version.message));
      expect(await readProfiles(page, Object.keys(arrayProfiles))).toEqual(arrayProfiles);
      expect(await countStored(page, 'profiles')).toBe(4);
    });
  }

  await writeDeviceFile(page, 'customers.json', jsonCustomers(3, 'array'));
  await connection.runNow();
  await expectRun(connection, 4, 'Finished', ['1', '1', '0', '0', '2', '0', '0'], 'Finished.');
  expect(await countStored(page, 'profiles')).toBe(5);
  expect(await readWorkerClock(page)).toBe(Date.parse(START));
});
