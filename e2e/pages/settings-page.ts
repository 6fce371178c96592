/** Page object for the settings screen. */
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';

export interface DownloadedFile {
  fileName: string;
  text: string;
}

export class SettingsPage {
  constructor(readonly page: Page) {}

  /** Opens the settings through the header link, so the page and its worker keep running. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  }

  section(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  async downloadBackup(options: { includeHeaders?: boolean } = {}): Promise<DownloadedFile> {
    const section = this.section('Backup and restore');
    await section.getByLabel('Include request header values').setChecked(options.includeHeaders ?? false);
    return this.#download(section.getByRole('button', { name: 'Download backup' }));
  }

  async pickBackupFile(name: string, content: string): Promise<void> {
    await this.section('Backup and restore').getByLabel('Backup file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  }

  async restore(): Promise<void> {
    await this.section('Backup and restore').getByRole('button', { name: 'Restore', exact: true }).click();
  }

  async setOwnLimits(connectionName: string, limits: { maxRuns: number; maxDays: number }): Promise<void> {
    const section = this.section('Run history');
    await section.getByRole('button', { name: `Set own limits for ${connectionName}` }).click();
    const form = section.getByRole('group', { name: `Limits of ${connectionName}` });
    await form.getByLabel('Runs to keep').fill(String(limits.maxRuns));
    await form.getByLabel('Days to keep').fill(String(limits.maxDays));
    await form.getByRole('button', { name: 'Save limits' }).click();
  }

  async exportProfiles(format: 'JSON lines' | 'CSV'): Promise<DownloadedFile> {
    const section = this.section('Profile store export');
    await section.getByRole('radio', { name: new RegExp(`^${format}:`) }).check();
    return this.#download(section.getByRole('button', { name: 'Export profiles' }));
  }

  async #download(button: Locator): Promise<DownloadedFile> {
    const downloadPromise = this.page.waitForEvent('download');
    await button.click();
    const download = await downloadPromise;
    return { fileName: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  }
}
