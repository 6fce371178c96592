/**
 * Whether the welcome card was dismissed: a UI preference of this browser. It is kept in localStorage,
 * which the page reads synchronously, so the card does not flash up before the preference loads.
 */
import { createSignal } from 'solid-js';

const STORAGE_KEY = 'runlane:welcome-dismissed';

function readDismissed(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'true';
  } catch {
    // Storage can be blocked, as in some private modes. The card then shows again on each visit.
    return false;
  }
}

function writeDismissed(isDismissed: boolean): void {
  try {
    if (isDismissed) localStorage.setItem(STORAGE_KEY, 'true');
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the choice lasts until the page reloads, as readDismissed explains.
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
