/**
 * Whether the welcome card was dismissed: a UI preference of this browser, kept in localStorage because
 * the page may write only its own preferences.
 */
import { createSignal } from 'solid-js';

const STORAGE_KEY = 'runlane:welcome-dismissed';

function readDismissed(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'true';
  } catch {
    // Storage can be blocked (some private modes); the card then shows again on each visit.
    return false;
  }
}

function writeDismissed(isDismissed: boolean): void {
  try {
    if (isDismissed) localStorage.setItem(STORAGE_KEY, 'true');
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // See readDismissed: without storage the choice lasts until the page reloads.
  }
}

const [isDismissed, setIsDismissed] = createSignal(readDismissed());

export const isWelcomeDismissed = isDismissed;

export function dismissWelcome(): void {
  writeDismissed(true);
  setIsDismissed(true);
}

export function showWelcomeAgain(): void {
  writeDismissed(false);
  setIsDismissed(false);
}
