/** Page object for the timeline screen. */
import { expect, type Locator, type Page } from '@playwright/test';

export class TimelinePage {
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.summary = page.getByTestId('timeline-summary');
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
  }

  /** Shows one day, by the start of its accessible name, such as "Friday 6 March". */
  async showDay(dayLabel: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Day' }).getByRole('button', { name: new RegExp(`^${dayLabel} \\d`) }).click();
    await expect(this.page.getByRole('heading', { name: dayLabel, level: 2 })).toBeVisible();
  }

  /** Returns the planned run of a connection on the day shown. */
  plannedRun(connectionName: string): Locator {
    return this.page.getByTestId('planned-run').filter({ has: this.page.getByRole('link', { name: connectionName, exact: true }) });
  }

  async leaveOut(connectionName: string): Promise<void> {
    await this.plannedRun(connectionName).getByRole('button', { name: 'Leave out' }).click();
  }

  /** Postpones the connection's planned run to a local date-time such as '2026-03-06T14:00'. */
  async postpone(connectionName: string, localDateTime: string): Promise<void> {
    const item = this.plannedRun(connectionName);
    await item.getByRole('button', { name: 'Postpone…' }).click();
    await item.getByLabel('Postpone to').fill(localDateTime);
    await item.getByRole('button', { name: 'Postpone', exact: true }).click();
  }
}
