/**
 * Whether this tab is in training mode. The choice is kept per tab in sessionStorage, so a reload stays in
 * training mode while other tabs stay on the real database. Entering and leaving reload the page, which
 * starts the tab's worker on the other database.
 */
import { DB_NAME, TRAINING_DB_NAME } from '../../storage/db.ts';

const STORAGE_KEY = 'runlane-training-mode';

function readStoredMode(): boolean {
  try {
    return sessionStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    // sessionStorage can be unavailable (a sandboxed frame), and the tab then stays on the real database.
    return false;
  }
}

/** Read once at start: a tab changes mode only by reloading. */
const trainingAtStart = readStoredMode();

export function isTrainingMode(): boolean {
  return trainingAtStart;
}

/** Returns the database this tab's page and worker use. */
export function databaseNameForMode(): string {
  return trainingAtStart ? TRAINING_DB_NAME : DB_NAME;
}

export function enterTrainingMode(): void {
  sessionStorage.setItem(STORAGE_KEY, 'on');
  location.hash = '#/training';
  location.reload();
}

export function leaveTrainingMode(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  location.hash = '#/training';
  location.reload();
}
