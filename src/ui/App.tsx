import { HashRouter, Route, A, type RouteSectionProps } from '@solidjs/router';
import { Show, createSignal, onCleanup, type JSX } from 'solid-js';
import { ConnectionsPage } from './pages/ConnectionsPage.tsx';
import { ConnectionPage } from './pages/ConnectionPage.tsx';
import { NewConnectionPage } from './pages/NewConnectionPage.tsx';
import { QueuePanel } from './components/QueuePanel.tsx';
import { Notices } from './components/Notices.tsx';
import { Toasts } from './toast.tsx';
import { createLive } from './live.ts';
import { loadQueueView, readMeta } from '../storage/queries.ts';
import { onWorkerRestart } from './bridge.ts';

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
      <header class="app-header">
        <A href="/" class="brand" end>
          Runlane
        </A>
        <nav aria-label="Main">
          <A href="/" end>
            Connections
          </A>
        </nav>
        <span class="tab-role" title="Only one tab runs the schedules; the others show the same state.">
          {isSchedulingTab() ? 'This tab runs the schedules' : 'Schedules run in another tab'}
        </span>
        <button type="button" class="queue-button" aria-expanded={queueOpen()} aria-controls="queue-panel" onClick={() => setQueueOpen(!queueOpen())}>
          Queue <span class="badge">{queueCount()}</span>
        </button>
      </header>
      <Show when={restartNotice()}>
        <div class="notice notice-error" role="alert">
          {restartNotice()} <button type="button" onClick={() => setRestartNotice(null)}>Dismiss</button>
        </div>
      </Show>
      <Notices />
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
