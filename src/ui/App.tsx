import { HashRouter, Route, A, type RouteSectionProps } from '@solidjs/router';
import { Show, createSignal, lazy, onCleanup, type JSX } from 'solid-js';
import { ConnectionsPage } from './pages/ConnectionsPage.tsx';
import { Notices } from './components/Notices.tsx';
import { LinkedFileNotice } from './connectors/file/LinkedFileNotice.tsx';
import { Toasts } from './toast.tsx';
import { createLive } from './live.ts';
import { loadQueueView, readMeta } from '../storage/queries.ts';
import { onWorkerRestart } from './bridge.ts';
import { NotificationCenterButton } from './notifications/NotificationCenterButton.tsx';
import { TrainingBanner } from './training/TrainingBanner.tsx';

// The connection pages load when opened, so the first screen does not fetch the run history and its list code.
const ConnectionPage = lazy(() => import('./pages/ConnectionPage.tsx').then((m) => ({ default: m.ConnectionPage })));
const NewConnectionPage = lazy(() => import('./pages/NewConnectionPage.tsx').then((m) => ({ default: m.NewConnectionPage })));
const RunDetailPage = lazy(() => import('./history/RunDetailPage.tsx').then((m) => ({ default: m.RunDetailPage })));
const TimelinePage = lazy(() => import('./timeline/TimelinePage.tsx').then((m) => ({ default: m.TimelinePage })));
const TrainingPage = lazy(() => import('./training/TrainingPage.tsx').then((m) => ({ default: m.TrainingPage })));
const ProfilesPage = lazy(() => import('./profiles/ProfilesPage.tsx').then((m) => ({ default: m.ProfilesPage })));
const ProfilePage = lazy(() => import('./profiles/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const PropertiesPage = lazy(() => import('./profiles/PropertiesPage.tsx').then((m) => ({ default: m.PropertiesPage })));
const SettingsPage = lazy(() => import('./settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));
const ConsentObjectivesPage = lazy(() => import('./consent/ConsentObjectivesPage.tsx').then((m) => ({ default: m.ConsentObjectivesPage })));
// The queue panel loads when it is first opened.
const QueuePanel = lazy(() => import('./components/QueuePanel.tsx').then((m) => ({ default: m.QueuePanel })));

interface AppProps {
  tabId: string;
}

export function App(props: AppProps): JSX.Element {
  const Layout = (layoutProps: RouteSectionProps): JSX.Element => <Shell tabId={props.tabId}>{layoutProps.children}</Shell>;
  return (
    <HashRouter root={Layout}>
      <Route path="/" component={ConnectionsPage} />
      <Route path="/connections/new" component={NewConnectionPage} />
      <Route path="/connections/:id" component={ConnectionPage} />
      <Route path="/connections/:id/runs/:number" component={RunDetailPage} />
      <Route path="/profiles" component={ProfilesPage} />
      <Route path="/profiles/:key" component={ProfilePage} />
      <Route path="/settings/properties" component={PropertiesPage} />
      <Route path="/settings/consent" component={ConsentObjectivesPage} />
      <Route path="/settings" component={SettingsPage} />
      <Route path="/timeline" component={TimelinePage} />
      <Route path="/training" component={TrainingPage} />
      <Route path="*" component={NotFound} />
    </HashRouter>
  );
}

function NotFound(): JSX.Element {
  return (
    <main class="page">
      <h1>Page not found</h1>
      <p>
        <A href="/">Go to the connections</A>
      </p>
    </main>
  );
}

function Shell(props: { tabId: string; children: JSX.Element }): JSX.Element {
  const [queueOpen, setQueueOpen] = createSignal(false);
  const [restartNotice, setRestartNotice] = createSignal<string | null>(null);
  const queue = createLive(loadQueueView);
  const schedulingTab = createLive((db) => readMeta<{ tabId: string }>(db, 'scheduling-tab'));
  const queueCount = (): number => (queue()?.active.length ?? 0) + (queue()?.queued.length ?? 0);
  const isSchedulingTab = (): boolean => schedulingTab()?.tabId === props.tabId;
  onCleanup(onWorkerRestart((reason) => setRestartNotice(reason)));

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <TrainingBanner />
      <header class="app-header">
        <A href="/" class="brand" end>
          Runlane
        </A>
        <nav aria-label="Main">
          <A href="/" end>
            Connections
          </A>
          <A href="/timeline">Timeline</A>
          <A href="/training">Training</A>
          <A href="/profiles">Profiles</A>
          <A href="/settings/consent">Consent</A>
          <A href="/settings" end>
            Settings
          </A>
        </nav>
        <span class="tab-role" title="Only one tab runs the schedules; the others show the same state.">
          {isSchedulingTab() ? 'This tab runs the schedules' : 'Schedules run in another tab'}
        </span>
        <button type="button" class="queue-button" aria-expanded={queueOpen()} aria-controls="queue-panel" onClick={() => setQueueOpen(!queueOpen())}>
          Queue <span class="badge">{queueCount()}</span>
        </button>
        <NotificationCenterButton />
      </header>
      <Show when={restartNotice()}>
        <div class="notice notice-error" role="alert">
          {restartNotice()} <button type="button" onClick={() => setRestartNotice(null)}>Dismiss</button>
        </div>
      </Show>
      <Notices />
      <LinkedFileNotice />
      <Toasts />
      <Show when={queueOpen()}>
        <QueuePanel onClose={() => setQueueOpen(false)} />
      </Show>
      <div id="main" tabIndex={-1}>
        {props.children}
      </div>
    </div>
  );
}
