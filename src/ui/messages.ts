/** User text for expected failures: what happened, whether data is safe, what to do. */
import type { ErrorCode } from '../contract/errors.ts';
import { toAppError } from '../contract/errors.ts';

const PREFIX: Partial<Record<ErrorCode, string>> = {
  'storage-quota': 'Storage is full. Nothing already stored was lost.',
  'db-blocked': 'Another Runlane tab uses an older version of the app. Reload that tab, then this one.',
  'connection-running': 'Not deleted.',
  'worker-unresponsive': 'The background worker stopped answering and was restarted.',
};

/** Text for an error shown to the user. Unexpected errors get a generic text; details go to the console. */
export function describeError(error: unknown): string {
  const appError = toAppError(error);
  if (appError) {
    const prefix = PREFIX[appError.code];
    return prefix ? `${prefix} ${appError.message}` : appError.message;
  }
  // eslint-disable-next-line no-console -- unexpected errors are logged once, where they are shown
  console.error(error);
  return 'Something went wrong and the change was not saved. Your stored data is unchanged; try again, or reload the page.';
}
