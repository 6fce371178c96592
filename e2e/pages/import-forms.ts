/** Page objects for the import forms of the new-connection page and for the consent objectives page. */
import { expect, type Page } from '@playwright/test';
import { NewConnectionPage } from './connection-page.ts';

export class ImportConnectionForm extends NewConnectionPage {
  constructor(page: Page) {
    super(page);
  }

  /** Picks a connector by the start of its label, such as "File from a URL". */
  async chooseConnector(label: string): Promise<void> {
    await this.page.getByRole('radio', { name: new RegExp(`^${label}`) }).check();
  }

  async setUrl(url: string): Promise<void> {
    await this.page.getByLabel('File address (URL)').fill(url);
  }

  async addHeader(name: string, value: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a header' }).click();
    const count = await this.page.getByLabel(/^Name of header \d+$/).count();
    await this.page.getByLabel(`Name of header ${count}`).fill(name);
    await this.page.getByLabel(`Value of header ${count}`).fill(value);
  }

  async loadColumns(): Promise<void> {
    await this.page.getByRole('button', { name: 'Load columns' }).click();
  }

  async pickJsonFile(name: string, content: string): Promise<void> {
    await this.page.getByLabel('JSON file', { exact: true }).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  }

  async mapColumn(column: string, target: string): Promise<void> {
    await this.page.getByLabel(`Property for column ${column}`).selectOption({ label: target });
  }

  async requireConsent(label: string): Promise<void> {
    await this.page.getByLabel('Required consent').selectOption({ label });
  }
}

export class ConsentObjectivesPage {
  constructor(readonly page: Page) {}

  async add(label: string): Promise<void> {
    await this.page.getByLabel('Label', { exact: true }).fill(label);
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(this.page.getByRole('cell', { name: label, exact: true })).toBeVisible();
  }
}
