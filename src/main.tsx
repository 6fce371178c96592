import { render } from 'solid-js/web';
import { App } from './ui/App.tsx';
import { callWorker, startWorker } from './ui/bridge.ts';
import { startClockSync } from './ui/clock.ts';
import { setDatabase } from './ui/live.ts';
import { databaseNameForMode, isTrainingMode } from './ui/training/training-mode.ts';
import { registerServiceWorker } from './pwa/register.ts';
import { startBrowserNotifications } from './ui/notifications/browser-notifications.ts';
import { installTestControls, readTestOptions } from './ui/test-controls.ts';
import './ui/styles.css';

const testOptions = readTestOptions(new URLSearchParams(location.search));
const tabId = crypto.randomUUID();
const training = isTrainingMode();
setDatabase(databaseNameForMode());
startWorker({
  tabId,
  databaseName: databaseNameForMode(),
  // The training database holds a copy of the configuration and never gets the demo or the controlled clock.
  seedDemo: testOptions.seedDemo && !training,
  controlledClockStartMs: training ? null : testOptions.controlledClockStartMs,
  demoCsvUrl: new URL(`${import.meta.env.BASE_URL}demo/demo-customers.csv`, location.href).href,
  restartReason: null,
  training,
}, testOptions.pingTimeoutMs);
if (training) document.title = `Training mode · ${document.title}`;
startClockSync();
installTestControls();
registerServiceWorker();
startBrowserNotifications(tabId);

const root = document.getElementById('root');
if (root) render(() => <App tabId={tabId} />, root);

// A hidden tab's timers are throttled; look at the schedules again as soon as the tab is visible.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void callWorker('wake');
});
addEventListener('online', () => void callWorker('wake'));
