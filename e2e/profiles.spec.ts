import { expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage, NewConnectionPage } from './pages/connection-page.ts';
import { ProfileDetailsPage, ProfilesPage, PropertiesPage } from './pages/profiles-page.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

// Member codes are mostly numbers, but two hold letters, so a change to the number type conflicts.
const CUSTOMERS = [
  'email,First name,City,Member code,Birth date',
  'ada@example.com,Ada,London,1200,1990-01-31',
  'adam@example.com,Adam,Paris,A-17,1985-12-09',
  'alan@example.com,Alan,Wilmslow,305,1912-06-23',
  'grace@example.com,Grace,Paris,B-9,1906-12-09',
].join('\r\n');

async function importCustomers(page: import('@playwright/test').Page): Promise<string> {
  const form = new NewConnectionPage(page);
  await form.open();
  await form.pickFile({ name: 'customers.csv', content: CUSTOMERS });
  await form.setName('Customer import');
  await form.setNewPropertyType('Member code', 'text');
  await form.save();
  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1).getByText('Finished', { exact: true })).toBeVisible();
  expect(await connection.counters(1)).toEqual(['4', '4', '0', '0', '0', '0', '0']);
  return new URL(page.url()).hash;
}

test('empty store tells how to get profiles', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:00:00Z' });
  await new ProfilesPage(page).open();
  await expect(page.getByText('No profiles yet: run an import connection.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'New connection' })).toBeVisible();

  await page.getByRole('link', { name: 'Property definitions' }).click();
  await expect(page.getByRole('heading', { name: 'No properties yet' })).toBeVisible();
});

test('finds a profile, shows it, and manages property definitions', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:00:00Z' });
  const connectionHash = await importCustomers(page);

  // Search by the start of the identifier, ignoring case.
  const profiles = new ProfilesPage(page);
  await profiles.open();
  await expect(profiles.resultCount).toHaveText('4 profiles');
  expect(await profiles.listedIdentifiers()).toEqual(['ada@example.com', 'adam@example.com', 'alan@example.com', 'grace@example.com']);
  await profiles.search('AD');
  await expect(profiles.resultCount).toHaveText('2 profiles of 4 with an identifier that starts with “AD”');
  expect(await profiles.listedIdentifiers()).toEqual(['ada@example.com', 'adam@example.com']);
  await profiles.search('zz');
  await expect(page.getByText('No profile has an identifier that starts with “zz”.', { exact: false })).toBeVisible();

  // Search for text in property values.
  await profiles.search('paris', 'text');
  await expect(profiles.resultCount).toHaveText('2 profiles contain “paris” in the identifier or a property value, among all 4 profiles.');
  expect(await profiles.listedIdentifiers()).toEqual(['adam@example.com', 'grace@example.com']);

  // One profile: its properties, its consent and the run that changed it last.
  await page.getByRole('link', { name: 'adam@example.com' }).click();
  await expect(page.getByRole('heading', { name: 'adam@example.com', level: 1 })).toBeVisible();
  const details = new ProfileDetailsPage(page);
  await expect(details.value('first_name')).toHaveText('Adam');
  await expect(details.value('city')).toHaveText('Paris');
  await expect(details.value('member_code')).toHaveText('A-17');
  await expect(details.value('birth_date')).toHaveText('9 Dec 1985');
  await expect(page.getByText('No consent recorded.', { exact: false })).toBeVisible();
  const lastRun = page.getByRole('link', { name: 'Run #1 of Customer import' });
  await expect(lastRun).toHaveAttribute('href', connectionHash);
  await lastRun.click();
  await expect(page.getByRole('heading', { name: 'Customer import', level: 1 })).toBeVisible();

  // Add a property, with an invalid id first.
  await goToScreen(page, '/settings/properties');
  const properties = new PropertiesPage(page);
  await properties.add('Tier', 'Tier', 'Text');
  await expect(page.getByRole('alert')).toHaveText(
    'Property id "Tier" is invalid: use lower-case letters, digits and _, start with a letter, and use at most 64 characters.',
  );
  await properties.add('tier', 'Tier', 'Text');
  await expect(page.getByRole('status').filter({ hasText: 'was added' })).toHaveText('Property "Tier" (tier) was added.');
  await expect(properties.row('tier')).toContainText('Tier');
  await expect(properties.row('tier')).toContainText('No connection');

  // Rename it.
  await properties.rename('Tier', 'tier', 'Loyalty tier');
  await expect(properties.row('tier').locator('td').first()).toHaveText('Loyalty tier');
  await expect(page.getByText('Property tier is now labelled "Loyalty tier".')).toBeVisible();

  // A type change that conflicts is reported and changes nothing.
  const report = await properties.checkTypeChange('Member code', 'Number');
  await expect(report).toContainText('Checked 4 profiles: 4 hold a value of “Member code”.');
  await expect(report).toContainText('✖ 2 values do not fit the type number (expected a number like 1,234.5), so the type cannot change. 2 values fit.');
  await expect(report.getByRole('listitem')).toHaveText(['adam@example.com: “A-17”', 'grace@example.com: “B-9”']);
  await expect(report.getByRole('button', { name: /Change type to/ })).toHaveCount(0);
  await expect(properties.row('member_code').locator('td').nth(2)).toHaveText('Text');

  // A type change where every value fits converts them after confirmation.
  const dateReport = await properties.checkTypeChange('Birth date', 'Text');
  await expect(dateReport).toContainText('✔ Every value fits the type text; 4 values will be converted.');
  await expect(dateReport).toContainText('Connections that import this property read it as text from their next run: Customer import.');
  await dateReport.getByRole('button', { name: 'Change type to text' }).click();
  await expect(page.getByText('"Birth date" is now of type text; 4 stored values were converted.')).toBeVisible();
  await expect(properties.row('birth_date').locator('td').nth(2)).toHaveText('Text');

  await goToScreen(page, '/profiles/adam%40example.com');
  await expect(details.value('birth_date')).toHaveText('1985-12-09');
});
