/** Page objects for the profile store screens: the list with its search, one profile, and the property definitions. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ProfilesPage {
  readonly resultCount: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.resultCount = page.locator('.result-count');
    this.list = page.getByRole('list');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profiles' }).click();
    await expect(this.page.getByRole('heading', { name: 'Profiles', level: 1 })).toBeVisible();
  }

  async search(text: string, mode: 'identifier' | 'text' = 'identifier'): Promise<void> {
    await this.page.getByLabel('Search in').selectOption(mode);
    await this.page.getByLabel('Search profiles').fill(text);
  }

  /** Returns the identifiers of the rows the list shows, in order. */
  async listedIdentifiers(): Promise<string[]> {
    return this.list.getByRole('listitem').getByRole('link').allInnerTexts();
  }
}

export class ProfileDetailsPage {
  constructor(readonly page: Page) {}

  /** Returns the value cell of a property row, found by property id. */
  value(propertyId: string): Locator {
    return this.page.locator(`tr[data-property="${propertyId}"] td`).first();
  }
}

export class PropertiesPage {
  constructor(readonly page: Page) {}

  row(propertyId: string): Locator {
    return this.page.locator(`tr[data-property="${propertyId}"]`);
  }

  async add(id: string, label: string, type: 'Text' | 'Number' | 'Date' | 'True/false'): Promise<void> {
    const form = this.page.getByRole('region', { name: 'Add a property' });
    await form.getByLabel('Id').fill(id);
    await form.getByLabel('Label').fill(label);
    await form.getByLabel('Type').selectOption({ label: type });
    await form.getByRole('button', { name: 'Add property' }).click();
  }

  async rename(currentLabel: string, propertyId: string, label: string): Promise<void> {
    await this.page.getByRole('button', { name: `Rename ${currentLabel}` }).click();
    await this.page.getByLabel(`New label for ${propertyId}`).fill(label);
    await this.page.getByRole('button', { name: 'Save label' }).click();
  }

  async checkTypeChange(label: string, type: 'Text' | 'Number' | 'Date' | 'True/false'): Promise<Locator> {
    await this.page.getByRole('button', { name: `Change type of ${label}` }).click();
    const panel = this.page.getByRole('region', { name: `Change the type of ${label}` });
    await panel.getByLabel('New type').selectOption({ label: type });
    await panel.getByRole('button', { name: 'Check existing values' }).click();
    return panel.getByRole('status', { name: 'Check of existing values' });
  }
}
