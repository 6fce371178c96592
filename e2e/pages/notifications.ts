/** Page objects for a connection's notification settings and the notification center. */
import { expect, type Locator, type Page } from '@playwright/test';

export class NotificationSettings {
  readonly section: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Notifications' });
  }

  async open(): Promise<void> {
    await this.section.getByRole('button', { name: 'Change notifications' }).click();
  }

  async setWhen(label: 'Never' | 'After every run' | 'Only when a run fails, and once when the connection recovers'): Promise<void> {
    await this.section.getByRole('radio', { name: label }).check();
  }

  async setBrowser(on: boolean): Promise<void> {
    await this.section.getByRole('checkbox', { name: 'Browser notification' }).setChecked(on);
  }

  async setEmails(text: string): Promise<void> {
    await this.section.getByLabel('Email recipients').fill(text);
  }

  async setWebhook(url: string, headers: { name: string; value: string }[] = []): Promise<void> {
    await this.section.getByRole('checkbox', { name: 'Send a webhook' }).check();
    await this.section.getByLabel('Webhook URL').fill(url);
    for (const [index, header] of headers.entries()) {
      await this.section.getByRole('button', { name: 'Add header' }).click();
      const row = this.section.getByRole('group', { name: `Header ${index + 1}` });
      await row.getByLabel('Header name').fill(header.name);
      await row.getByLabel('Header value (secret)').fill(header.value);
    }
  }

  async setNoCorsFallback(on: boolean): Promise<void> {
    await this.section.getByRole('checkbox', { name: 'Send without CORS when the receiver refuses CORS' }).setChecked(on);
  }

  async save(): Promise<void> {
    await this.section.getByRole('button', { name: 'Save notifications' }).click();
  }

  async expectSummary(text: string): Promise<void> {
    await expect(this.section.getByTestId('notification-summary')).toHaveText(text);
  }
}

export class NotificationCenter {
  readonly button: Locator;
  readonly panel: Locator;
  readonly items: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByRole('button', { name: /^Notifications/ });
    this.panel = page.getByRole('complementary', { name: 'Notifications' });
    this.items = this.panel.getByTestId('notification-item');
  }

  async open(): Promise<void> {
    if (!(await this.panel.isVisible())) await this.button.click();
    await expect(this.panel).toBeVisible();
  }

  item(subject: string): Locator {
    return this.items.filter({ has: this.page.getByRole('heading', { name: subject, exact: true }) });
  }
}

/** Title and body of the notifications the service worker's registration shows. */
export async function shownNotifications(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const list = await registration.getNotifications();
    return list.map((notification) => ({ title: notification.title, body: notification.body }));
  });
}
