/** Page objects for the connection screens. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface CsvFixture {
  name: string;
  content: string | Buffer;
}

export class NewConnectionPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'New connection' }).first().click();
    await expect(this.page.getByRole('heading', { name: 'New connection' })).toBeVisible();
  }

  async pickFile(file: CsvFixture): Promise<void> {
    await this.page.getByLabel('CSV file').setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: Buffer.from(file.content) });
  }

  async setName(name: string): Promise<void> {
    await this.page.getByLabel('Name', { exact: true }).fill(name);
  }

  async setNewPropertyType(column: string, type: 'text' | 'number' | 'date' | 'boolean'): Promise<void> {
    await this.page.getByLabel(`Type of new property ${column}`).selectOption(type);
  }

  async setTimesPerDay(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Runs', exact: true }).selectOption({ label });
  }

  async setOn(on: boolean): Promise<void> {
    await this.page.getByRole('switch', { name: /ON/ }).setChecked(on);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save' }).click();
  }
}

export class ConnectionPage {
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.history = page.getByRole('table', { name: 'Run history' });
  }

  runRow(number: number): Locator {
    return this.page.getByTestId(`run-row-${number}`);
  }

  nextRow(): Locator {
    return this.page.getByTestId('next-row');
  }

  /** The seven counters of a run row, as shown: Checked, Added, Updated, Unchanged, Skipped, Failed, Blocked. */
  async counters(number: number): Promise<string[]> {
    return this.runRow(number).locator('td[data-counter]').allInnerTexts();
  }

  async runNow(): Promise<void> {
    await this.page.getByRole('button', { name: 'Run now' }).click();
  }
}
