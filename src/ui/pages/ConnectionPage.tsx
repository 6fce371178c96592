import { useNavigate, useParams } from '@solidjs/router';
import { Show, Suspense, createEffect, createSignal, lazy, on, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { Connection } from '../../contract/model.ts';
import { describeSchedule } from '../../domain/schedule.ts';
import { getConnection } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { findConnectorUi } from '../connectors/registry.ts';
import type { ConnectorDraft, ConnectorUi } from '../connectors/types.ts';
import { RunHistory } from '../components/RunHistory.tsx';
import { RunSettingsSection } from '../components/RunSettingsSection.tsx';
import { RealtimeHistory } from '../connectors/webhook-realtime/RealtimeHistory.tsx';
import { createLiveQuery } from '../live.ts';
import { describeError } from '../messages.ts';
import { act, showToast } from '../toast.tsx';
import { describeRunNow } from '../run-text.ts';
import { NotificationSettingsSection } from '../notifications/NotificationSettingsSection.tsx';

const ScheduleDialog = lazy(() => import('../components/ScheduleDialog.tsx').then((m) => ({ default: m.ScheduleDialog })));
// The chart is loaded after the page, so the first screen stays small.
const RunTimeChart = lazy(() => import('../history/RunTimeChart.tsx').then((m) => ({ default: m.RunTimeChart })));

/** One connection: its metadata, its settings and mapping, and its run history. */
export function ConnectionPage(): JSX.Element {
  const params = useParams<{ id: string }>();
  const connection = createLiveQuery(() => params.id, getConnection);
  const [loaded, setLoaded] = createSignal(false);
  createEffect(on(connection, () => setLoaded(true), { defer: true }));

  return (
    <main class="page">
      <Show when={connection()} fallback={<Show when={loaded()} fallback={<p>Loading…</p>}><NotFound /></Show>}>
        {(current) => (
          <>
            <MetadataSection connection={current()} />
            <SetupPanel connection={current()} />
            <Show
              when={current().direction === 'realtime'}
              fallback={
                <>
                  <HistorySection connection={current()} />
                  <RunTimesSection connection={current()} />
                  <RunSettingsSection connection={current()} />
                </>
              }
            >
              <RealtimeHistory connection={current()} />
            </Show>
          </>
        )}
      </Show>
    </main>
  );
}

function NotFound(): JSX.Element {
  return (
    <>
      <h1>Connection not found</h1>
      <p>It may have been deleted in another tab.</p>
      <a href="#/">Go to the connections</a>
    </>
  );
}

function MetadataSection(props: { connection: Connection }): JSX.Element {
  const navigate = useNavigate();
  const [editing, setEditing] = createSignal(false);
  const [name, setName] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  const startEditing = (): void => {
    setName(props.connection.name);
    setDescription(props.connection.description);
    setError(null);
    setEditing(true);
  };
  const saveMetadata = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    try {
      await callWorker('updateConnection', { id: props.connection.id, patch: { name: name(), description: description() } });
      setEditing(false);
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const toggle = (enabled: boolean): void =>
    act(async () => {
      await callWorker('setConnectionEnabled', { id: props.connection.id, enabled });
      showToast(enabled ? `"${props.connection.name}" is ON; its first run is queued.` : `"${props.connection.name}" is OFF; its queued scheduled runs were cancelled.`);
    });
  const remove = (): void => {
    if (!confirm(`Delete "${props.connection.name}" with its run history, logs and stored file? Profiles it imported stay in the profile store.`)) return;
    act(async () => {
      await callWorker('deleteConnection', { id: props.connection.id });
      showToast(`"${props.connection.name}" was deleted.`);
      navigate('/');
    });
  };

  return (
    <section class="metadata" aria-labelledby="connection-name">
      <Show
        when={editing()}
        fallback={
          <>
            <div class="page-header">
              <h1 id="connection-name">{props.connection.name}</h1>
              <label class="switch">
                <input type="checkbox" role="switch" checked={props.connection.enabled} onChange={(e) => toggle(e.currentTarget.checked)} />
                <span>{props.connection.enabled ? 'ON' : 'OFF'}</span>
              </label>
            </div>
            <Show when={props.connection.description}>
              <p class="description">{props.connection.description}</p>
            </Show>
            <div class="actions">
              <button type="button" onClick={startEditing}>
                Rename or describe
              </button>
              <button type="button" class="danger" onClick={remove}>
                Delete connection
              </button>
            </div>
            <NotificationSettingsSection connection={props.connection} />
          </>
        }
      >
        <form class="form" onSubmit={(e) => void saveMetadata(e)}>
          <label>
            Name
            <input id="connection-name" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label>
            Description
            <textarea rows={2} value={description()} onInput={(e) => setDescription(e.currentTarget.value)} />
          </label>
          <Show when={error()}>
            <p class="field-error" role="alert">
              {error()}
            </p>
          </Show>
          <div class="actions">
            <button type="submit" class="primary">
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}

function SetupPanel(props: { connection: Connection }): JSX.Element {
  const ui = (): ConnectorUi | undefined => findConnectorUi(props.connection.settings.connector);
  const [draft, setDraft] = createSignal<ConnectorDraft | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    const current = draft();
    if (!current) return;
    if (current.problem) {
      setError(current.problem);
      return;
    }
    try {
      await callWorker('updateConnection', { id: props.connection.id, patch: { settings: current.settings, newProperties: current.newProperties } });
      showToast('Settings saved; they apply from the next run.');
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <section class="panel" aria-labelledby="setup-heading">
      <h2 id="setup-heading">Set up and run</h2>
      <Show when={ui()} fallback={<p>This connection's connector is not available in this version of Runlane.</p>}>
        {(current) => (
          <form class="form" onSubmit={(e) => void save(e)}>
            <Dynamic component={current().Form} connection={props.connection} onDraft={setDraft} />
            <Show when={error()}>
              <p class="field-error" role="alert">
                {error()}
              </p>
            </Show>
            <div class="actions">
              <button type="submit" class="primary">
                Save settings
              </button>
            </div>
          </form>
        )}
      </Show>
    </section>
  );
}

function HistorySection(props: { connection: Connection }): JSX.Element {
  const [scheduleOpen, setScheduleOpen] = createSignal(false);
  const runNow = (testRun: boolean): void =>
    act(async () => {
      const result = await callWorker('runNow', { id: props.connection.id, testRun });
      showToast(describeRunNow(props.connection.name, result));
    });
  return (
    <section class="panel" aria-labelledby="history-heading">
      <div class="page-header">
        <h2 id="history-heading">Run history</h2>
        <div class="actions">
          <button type="button" class="primary" onClick={() => runNow(false)}>
            Run now
          </button>
          <button type="button" onClick={() => runNow(true)}>
            Test run
          </button>
          <button type="button" class="icon-button" aria-label="Schedule settings" title="Schedule settings" onClick={() => setScheduleOpen(true)}>
            ⚙
          </button>
        </div>
      </div>
      <p class="schedule-words">
        {props.connection.schedule ? describeSchedule(props.connection.schedule, navigator.language) : 'No schedule: runs only with Run now.'}
        {props.connection.enabled ? '' : ' The connection is OFF.'}
      </p>
      <p class="hint">Runs happen only while Runlane is open in a browser tab.</p>
      <RunHistory connection={props.connection} />
      <Show when={scheduleOpen()}>
        <ScheduleDialog connection={props.connection} onClose={() => setScheduleOpen(false)} />
      </Show>
    </section>
  );
}

function RunTimesSection(props: { connection: Connection }): JSX.Element {
  return (
    <section class="panel" aria-labelledby="run-times-heading">
      <h2 id="run-times-heading">Run times</h2>
      <Suspense fallback={<p class="hint">Loading the chart…</p>}>
        <RunTimeChart connection={props.connection} />
      </Suspense>
    </section>
  );
}
