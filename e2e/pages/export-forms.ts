/** Page objects for the export, real-time and demo-system forms of the new-connection page. */
import { expect, type Page } from '@playwright/test';
import { NewConnectionPage } from './connection-page.ts';

export class ExportConnectionForm extends NewConnectionPage {
  constructor(page: Page) {
    super(page);
  }

  /** Shows the new-connection page from any screen, without reloading the page. */
  override async open(): Promise<void> {
    await this.page.evaluate(() => {
      location.hash = '/connections/new';
    });
    await expect(this.page.getByRole('heading', { name: 'New connection' })).toBeVisible();
  }

  /** Picks a connector by its label on the new-connection page, such as "Webhook (Export)". */
  async chooseConnector(label: string): Promise<void> {
    await this.page.getByRole('radio', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) }).check();
  }

  async fillNumber(label: string, value: number): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(String(value));
  }

  async setReceiver(url: string): Promise<void> {
    await this.page.getByLabel('Receiver URL').fill(url);
  }

  async addHeader(name: string, value: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a header' }).click();
    const count = await this.page.getByLabel(/^Name of header \d+$/).count();
    await this.page.getByLabel(`Name of header ${count}`).fill(name);
    await this.page.getByLabel(`Value of header ${count}`).fill(value);
  }
}
