import { A } from '@solidjs/router';
import { Show, createSignal, createUniqueId, type JSX } from 'solid-js';
import type { PlannedRun } from '../../domain/timeline.ts';
import { callWorker } from '../bridge.ts';
import { formatDateTime, formatTime } from '../format.ts';
import { describeError } from '../messages.ts';
import { act, showToast } from '../toast.tsx';
import { describePrediction, describeRunTime, fromLocalInputValue, predictedWaitMs, toLocalInputValue } from './timeline-text.ts';

const HOUR_MS = 3_600_000;

const STATUS_LABELS: Record<PlannedRun['status'], string> = {
  planned: 'Planned',
  postponed: 'Postponed',
  'left-out': 'Left out',
  merged: 'Merges',
};

/** Renders one planned run on the timeline: its due time, the prediction, and leave out, postpone or undo. */
export function PlannedRunItem(props: { run: PlannedRun; name: string; nameOf: (id: string) => string }): JSX.Element {
  const [postponing, setPostponing] = createSignal(false);
  const headingId = createUniqueId();
  const ref = (): { connectionId: string; dueAtMs: number } => ({ connectionId: props.run.connectionId, dueAtMs: props.run.dueAtMs });
  const isOverridden = (): boolean => props.run.status === 'left-out' || props.run.status === 'postponed';
  const waits = (): boolean => predictedWaitMs(props.run) > 0;
  const what = (): string => `The run of "${props.name}" due ${formatDateTime(props.run.dueAtMs)}`;

  const leaveOut = (): void =>
    act(async () => {
      await callWorker('leaveOutRun', ref());
      showToast(`${what()} is left out. The schedule is unchanged.`);
    });
  const undo = (): void =>
    act(async () => {
      await callWorker('removeOverride', ref());
      showToast(`${what()} is planned at its due time again.`);
    });

  return (
    <li class={`planned-run status-${props.run.status}${waits() ? ' is-waiting' : ''}`} data-testid="planned-run" aria-labelledby={headingId}>
      <div class="planned-run-main">
        <p class="planned-run-title" id={headingId}>
          <span class="planned-run-time">{formatTime(props.run.dueAtMs)}</span> <A href={`/connections/${props.run.connectionId}`}>{props.name}</A>{' '}
          <span class={`state-badge planned-status status-${props.run.status}${waits() ? ' is-waiting' : ''}`}>
            {waits() ? 'Waits' : STATUS_LABELS[props.run.status]}
          </span>
        </p>
        <p class="planned-run-prediction">{describePrediction(props.run, props.nameOf)}</p>
        <Show when={props.run.status !== 'left-out'}>
          <p class="hint planned-run-time-note">{describeRunTime(props.run)}</p>
        </Show>
      </div>
      <div class="actions planned-run-actions">
        <Show
          when={isOverridden()}
          fallback={
            <>
              <button type="button" aria-describedby={headingId} onClick={leaveOut}>
                Leave out
              </button>
              <button type="button" aria-describedby={headingId} aria-expanded={postponing()} onClick={() => setPostponing(!postponing())}>
                Postpone…
              </button>
            </>
          }
        >
          <Show when={props.run.status === 'postponed'}>
            <button type="button" aria-describedby={headingId} aria-expanded={postponing()} onClick={() => setPostponing(!postponing())}>
              Change time…
            </button>
          </Show>
          <button type="button" aria-describedby={headingId} onClick={undo}>
            Undo
          </button>
        </Show>
      </div>
      <Show when={postponing()}>
        <PostponeForm run={props.run} name={props.name} onDone={() => setPostponing(false)} />
      </Show>
    </li>
  );
}

function PostponeForm(props: { run: PlannedRun; name: string; onDone: () => void }): JSX.Element {
  const inputId = createUniqueId();
  const initialMs = props.run.status === 'postponed' && props.run.queueAtMs !== null ? props.run.queueAtMs : props.run.dueAtMs + HOUR_MS;
  const [value, setValue] = createSignal(toLocalInputValue(initialMs));
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const postponedToMs = fromLocalInputValue(value());
    if (postponedToMs === null) {
      setError('The new time is missing or invalid: pick a date and a time.');
      return;
    }
    try {
      await callWorker('postponeRun', { connectionId: props.run.connectionId, dueAtMs: props.run.dueAtMs, postponedToMs });
      showToast(`The run of "${props.name}" due ${formatDateTime(props.run.dueAtMs)} is postponed to ${formatDateTime(postponedToMs)}. The schedule is unchanged.`);
      props.onDone();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <form class="postpone-form" onSubmit={(event) => void submit(event)}>
      <label for={inputId}>Postpone to</label>
      <input
        id={inputId}
        type="datetime-local"
        value={value()}
        aria-invalid={error() !== null}
        aria-describedby={error() ? `${inputId}-error` : undefined}
        onInput={(event) => {
          setValue(event.currentTarget.value);
          setError(null);
        }}
      />
      <button type="submit" class="primary">
        Postpone
      </button>
      <button type="button" onClick={() => props.onDone()}>
        Cancel
      </button>
      <Show when={error()}>
        <p class="field-error" id={`${inputId}-error`} role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}
