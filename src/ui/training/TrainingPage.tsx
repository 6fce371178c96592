import { For, Show, createResource, createSignal, createUniqueId, type JSX } from 'solid-js';
import type { TrainingConnectionNote, TrainingSpeed } from '../../contract/api/training.ts';
import { TRAINING_SPEEDS, type ScaledClockState } from '../../domain/scaled-clock.ts';
import { loadQueueView, readMeta } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { useNow } from '../clock.ts';
import { formatBytes, formatDateTime, formatDateTimeSeconds, formatNumber } from '../format.ts';
import { createLive } from '../live.ts';
import { describeError } from '../messages.ts';
import { fromLocalInputValue, toLocalInputValue } from '../timeline/timeline-text.ts';
import { act } from '../toast.tsx';
import { enterTrainingMode, isTrainingMode, leaveTrainingMode } from './training-mode.ts';
import { describeDayAtSpeed, formatSpeed } from './training-text.ts';

const DAY_MS = 86_400_000;

/** Training mode: enter it from the real database, or control the training clock while in it. */
export function TrainingPage(): JSX.Element {
  return (
    <main class="page training-page">
      <Show when={isTrainingMode()} fallback={<EnterTraining />}>
        <TrainingControls />
      </Show>
    </main>
  );
}

function EnterTraining(): JSX.Element {
  // Checked again when the scheduling tab or the running run changes, since both change the warnings.
  const schedulingTab = createLive((db) => readMeta<{ tabId: string }>(db, 'scheduling-tab'));
  const queue = createLive(loadQueueView);
  const checkKey = (): string => `${schedulingTab()?.tabId ?? ''}:${(queue()?.active ?? []).map((run) => run.id).join(',')}`;
  const [check] = createResource(checkKey, () => callWorker('checkTrainingEntry'));
  const [speed, setSpeed] = createSignal<TrainingSpeed>(600);
  const [fresh, setFresh] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const enter = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      if (fresh() || !check()?.session) await callWorker('copyConfigurationToTraining', { speed: speed() });
      enterTrainingMode();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Training mode</h1>
      <p>
        Training mode lets you show and practise a week of schedules in minutes. This tab switches to a training copy of the configuration, with a
        clock that runs faster. Other Runlane tabs stay on the real data.
      </p>
      <ul class="training-facts">
        <li>Copied: connections with their schedules, stored files, property definitions and consent objectives.</li>
        <li>
          Never touched: real profiles, run history, schedule marks and outside systems. URL imports read from the demo CRM, webhook exports deliver
          to the demo ad platform, folder exports keep their files in the browser, and any other request to an outside system is recorded instead of
          sent.
        </li>
        <li>The training clock runs ×60, ×600 or ×3600, and you can pause it or move it ahead. Time limits, retry waits and run times follow it.</li>
      </ul>
      <Show when={check.error}>
        <p class="field-error" role="alert">
          {describeError(check.error)}
        </p>
      </Show>
      <Show when={check()}>
        {(current) => (
          <form
            class="form training-enter"
            onSubmit={(event) => {
              event.preventDefault();
              void enter();
            }}
          >
            <Show when={current().session}>
              {(session) => (
                <fieldset class="fields">
                  <legend>The training started {formatDateTime(session().startedAtMs)} (training time) is kept</legend>
                  <label class="checkbox">
                    <input type="radio" name="training-start" checked={!fresh()} onChange={() => setFresh(false)} /> Continue that training
                  </label>
                  <label class="checkbox">
                    <input type="radio" name="training-start" checked={fresh()} onChange={() => setFresh(true)} /> Start a fresh training: copy the
                    configuration again and clear the training's runs and profiles
                  </label>
                </fieldset>
              )}
            </Show>
            <Show when={fresh() || !current().session}>
              <SpeedChoice speed={speed()} onChange={setSpeed} />
            </Show>
            <Show when={current().isOnlySchedulingTab}>
              <p class="notice notice-warn">
                This tab runs the real schedules and no other Runlane tab is open to take over. While it is in training mode, real runs wait: due times
                that pass are recorded as missed. Open Runlane in another tab to keep them running.
              </p>
            </Show>
            <Show when={current().runningHere}>
              {(running) => (
                <p class="notice notice-warn">
                  Run #{running().number} of "{running().connectionName}" is running in this tab. Entering training mode restarts the tab, so that run will be
                  marked interrupted. Wait until it ends to avoid that.
                </p>
              )}
            </Show>
            <Show when={error()}>
              <p class="field-error" role="alert">
                {error()}
              </p>
            </Show>
            <div class="actions">
              <button type="submit" class="primary training-enter-button" disabled={busy()}>
                {busy() ? 'Copying the configuration…' : 'Enter training mode'}
              </button>
            </div>
          </form>
        )}
      </Show>
    </>
  );
}

function SpeedChoice(props: { speed: number; onChange: (speed: TrainingSpeed) => void }): JSX.Element {
  return (
    <fieldset class="fields speed-choice">
      <legend>Training clock speed</legend>
      <For each={TRAINING_SPEEDS}>
        {(speed) => (
          <label class="checkbox">
            <input type="radio" name="training-speed" value={speed} checked={props.speed === speed} onChange={() => props.onChange(speed)} />
            {formatSpeed(speed)}: {describeDayAtSpeed(speed)}
          </label>
        )}
      </For>
    </fieldset>
  );
}

function TrainingControls(): JSX.Element {
  const now = useNow();
  // The stored state, as the banner shows it: a one-off request raced with the changes below and could
  // show a paused clock as running.
  const clock = createLive((db) => readMeta<ScaledClockState>(db, 'training-clock'));
  const [session] = createResource(() => callWorker('getTrainingSession'));
  const change = (action: () => Promise<unknown>): void => act(action);

  return (
    <>
      <h1>Training controls</h1>
      <section class="panel" aria-labelledby="training-clock-heading">
        <h2 id="training-clock-heading">Training clock</h2>
        <p class="training-clock-now">
          <span data-testid="training-clock-now">{formatDateTimeSeconds(now())}</span>
          {clock()?.paused ? ' · paused' : clock() ? ` · ${formatSpeed(clock()?.speed ?? 0)}` : ''}
        </p>
        <div class="actions" role="group" aria-label="Speed">
          <For each={TRAINING_SPEEDS}>
            {(speed) => (
              <button type="button" aria-pressed={clock()?.speed === speed} onClick={() => change(() => callWorker('setTrainingSpeed', { speed }))}>
                {formatSpeed(speed)}
              </button>
            )}
          </For>
          <Show
            when={clock()?.paused}
            fallback={
              <button type="button" onClick={() => change(() => callWorker('pauseTrainingClock'))}>
                Pause
              </button>
            }
          >
            <button type="button" class="primary" onClick={() => change(() => callWorker('resumeTrainingClock'))}>
              Resume
            </button>
          </Show>
        </div>
        <p class="hint">{clock() ? `At ${formatSpeed(clock()?.speed ?? 1)}, ${describeDayAtSpeed(clock()?.speed ?? 1)}.` : ''} The training clock stands still while no tab is in training mode.</p>
        <JumpForm nowMs={now()} />
      </section>
      <Show when={(session()?.notes.length ?? 0) > 0}>
        <section class="panel" aria-labelledby="training-notes-heading">
          <h2 id="training-notes-heading">What stands in for outside systems</h2>
          <ul>
            <For each={session()?.notes}>{(note: TrainingConnectionNote) => <li>{`${note.name}: ${note.note}`}</li>}</For>
          </ul>
        </section>
      </Show>
      <RecordedDeliveries />
      <section class="panel" aria-labelledby="training-leave-heading">
        <h2 id="training-leave-heading">Leave training mode</h2>
        <p>This tab returns to the real data and real time. The training is kept: enter training mode again to continue it, or start a fresh one.</p>
        <button type="button" class="primary" onClick={() => leaveTrainingMode()}>
          Leave training mode
        </button>
      </section>
    </>
  );
}

function JumpForm(props: { nowMs: number }): JSX.Element {
  const inputId = createUniqueId();
  const [value, setValue] = createSignal(toLocalInputValue(props.nowMs + DAY_MS));
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const toMs = fromLocalInputValue(value());
    if (toMs === null) {
      setError('The time to jump to is missing or invalid: pick a date and a time.');
      return;
    }
    try {
      await callWorker('jumpTrainingClock', { toMs });
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <form class="jump-form" onSubmit={(event) => void submit(event)}>
      <label for={inputId}>Jump ahead to</label>
      <input
        id={inputId}
        type="datetime-local"
        value={value()}
        aria-invalid={error() !== null}
        onInput={(event) => {
          setValue(event.currentTarget.value);
          setError(null);
        }}
      />
      <button type="submit">Jump</button>
      <p class="hint">
        Due times in between are recorded as missed, as if Runlane had been closed, and connections that ask for it get one catch-up run. A run that is
        running then reaches its time limit.
      </p>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}

const SHOWN_DELIVERIES = 50;

function RecordedDeliveries(): JSX.Element {
  const deliveries = createLive(async (db) => ({
    count: await db.trainingDeliveries.count(),
    latest: await db.trainingDeliveries.orderBy('atMs').reverse().limit(SHOWN_DELIVERIES).toArray(),
  }));
  return (
    <section class="panel" aria-labelledby="training-deliveries-heading">
      <h2 id="training-deliveries-heading">Requests recorded instead of sent</h2>
      <Show when={(deliveries()?.count ?? 0) > 0} fallback={<p data-testid="training-deliveries-empty">No request to an outside system so far.</p>}>
        <p data-testid="training-deliveries-count">
          {formatNumber(deliveries()?.count ?? 0)} {deliveries()?.count === 1 ? 'request' : 'requests'} recorded
          {(deliveries()?.count ?? 0) > SHOWN_DELIVERIES ? `; the latest ${SHOWN_DELIVERIES} are shown.` : '.'}
        </p>
        <div class="table-scroll">
          <table class="data-table" aria-label="Recorded requests">
            <thead>
              <tr>
                <th scope="col">Training time</th>
                <th scope="col">Request</th>
                <th scope="col" class="num">
                  Body
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={deliveries()?.latest}>
                {(delivery) => (
                  <tr>
                    <td>{formatDateTimeSeconds(delivery.atMs)}</td>
                    <td class="message">
                      {delivery.method} {delivery.url}
                    </td>
                    <td class="num">{formatBytes(delivery.bodyBytes)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
