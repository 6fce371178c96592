/** Worker methods of notifications: their settings per connection, and the notification center. */
import type { Connection, NotificationSettings } from '../model.ts';

export type BrowserNotificationResult = 'shown' | 'denied' | 'unsupported' | 'failed';

export interface NotificationsApi {
  /** Checks and saves a connection's notification settings; invalid settings reject with 'invalid-input'. */
  saveNotificationSettings(request: { id: string; settings: NotificationSettings }): Promise<Connection>;
  markNotificationRead(request: { id: number }): Promise<void>;
  /** Returns how many notifications were marked read. */
  markAllNotificationsRead(request: Record<string, never>): Promise<number>;
  /** Deletes the given notifications, or all of them without `ids`; returns how many were deleted. */
  clearNotifications(request: { ids?: number[] }): Promise<number>;
  markEmailOpened(request: { id: number }): Promise<void>;
  /**
   * Records what the page did with a pending browser notification. 'shown' claims it: it returns true for
   * the one call that moved it from 'pending', so no second tab shows it. 'failed' follows a claimed one
   * that could not be shown.
   */
  markBrowserShown(request: { id: number; result: BrowserNotificationResult }): Promise<boolean>;
}
