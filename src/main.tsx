import { render } from 'solid-js/web';
import { App } from './ui/App.tsx';
import { callWorker, startWorker } from './ui/bridge.ts';
import { startClockSync } from './ui/clock.ts';
import { setDatabase } from './ui/live.ts';
import { DB_NAME } from './storage/db.ts';
import { registerServiceWorker } from './pwa/register.ts';
import { installTestControls, readTestOptions } from './ui/test-controls.ts';
import './ui/styles.css';

const testOptions = readTestOptions(new URLSearchParams(location.search));
const tabId = crypto.randomUUID();
setDatabase(DB_NAME);
startWorker({
  tabId,
  databaseName: DB_NAME,
  seedDemo: testOptions.seedDemo,
  controlledClockStartMs: testOptions.controlledClockStartMs,
  demoCsvUrl: new URL(`${import.meta.env.BASE_URL}demo/demo-customers.csv`, location.href).href,
  restartReason: null,
}, testOptions.pingTimeoutMs);
startClockSync();
installTestControls();
registerServiceWorker();

const root = document.getElementById('root');
if (root) render(() => <App tabId={tabId} />, root);

// A hidden tab's timers are throttled; look at the schedules again as soon as the tab is visible.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void callWorker('wake');
});
addEventListener('online', () => void callWorker('wake'));
