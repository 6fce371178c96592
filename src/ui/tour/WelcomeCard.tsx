import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { readMeta } from '../../storage/queries.ts';
import { createLive } from '../live.ts';
import { connectionPath } from '../history/run-paths.ts';
import { dismissWelcome, isWelcomeDismissed } from './welcome-preference.ts';
import './tour.css';

/** The meta key under which the worker's demo seeding stores the demo connection's id. */
const DEMO_CONNECTION_META_KEY = 'demo-connection-id';

/** Shows a first-visit card that explains connections, runs and the queue, until the user dismisses it. */
export function WelcomeCard(): JSX.Element {
  const demoId = createLive((db) => readMeta<string>(db, DEMO_CONNECTION_META_KEY));
  const dismiss = (): void => {
    dismissWelcome();
    // The card's buttons disappear with it; keep keyboard focus on the page's main heading.
    document.querySelector<HTMLElement>('main h1')?.focus();
  };

  return (
    <Show when={!isWelcomeDismissed()}>
      <section class="welcome" aria-labelledby="welcome-heading" data-testid="welcome-card">
        <h2 id="welcome-heading">Welcome to Runlane</h2>
        <p>Runlane moves customer profiles between files, other systems and its own profile store, on a schedule, inside this browser. No data goes to a Runlane server: there is none.</p>
        <ol class="welcome-points">
          <li>
            <strong>Connections</strong> say what to import or export and when. Each one is ON or OFF and has a schedule.
          </li>
          <li>
            <strong>Runs</strong> are the times a connection ran. Its run history shows the counters (Checked, Added, Updated, …) of each run, and each run has a log you can open or download.
          </li>
          <li>
            <strong>The queue</strong>: runs execute one at a time. The Queue button at the top shows the running run and the runs waiting behind it.
          </li>
          <li>
            <strong>Keep a tab open</strong>: runs happen only while Runlane is open in a browser tab. Due times that pass while it is closed show up as missed runs.
          </li>
        </ol>
        <div class="actions">
          <Show when={demoId()}>
            {(id) => (
              <A class="button primary" href={connectionPath(id())}>
                Open the demo connection
              </A>
            )}
          </Show>
          <A class="button" href="/connections/new">
            Create a connection
          </A>
          <button type="button" onClick={dismiss}>
            Dismiss the introduction
          </button>
        </div>
      </section>
    </Show>
  );
}
