import { For, Match, Show, Switch, createMemo, createSignal, onCleanup, onMount, type JSX } from 'solid-js';
import type { Connection } from '../../contract/model.ts';
import { TIMES_PER_DAY_CHOICES, browserTimeZone, validateSchedule, type ScheduleKind, type ScheduleProblem } from '../../domain/schedule.ts';
import { listRuns } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { useNow } from '../clock.ts';
import { createLiveQuery } from '../live.ts';
import { describeError } from '../messages.ts';
import {
  WEEK_OF_MONTH_CHOICES,
  describeDayOfMonth,
  describeTimesPerDayChoice,
  describeWeekOfMonth,
  draftFromSchedule,
  scheduleFromDraft,
  typicalRunTime,
  weekdayNames,
  type ScheduleDraft,
} from '../schedule-preview.ts';
import { showToast } from '../toast.tsx';
import { SchedulePreview } from './schedule/SchedulePreview.tsx';
import { TimeZonePicker } from './schedule/TimeZonePicker.tsx';
import { WeekdayToggles } from './schedule/WeekdayToggles.tsx';

const KIND_LABELS: readonly (readonly [ScheduleKind, string])[] = [
  ['timesPerDay', 'Times per day'],
  ['daysOfWeek', 'Days of the week'],
  ['dayOfMonth', 'Day of the month'],
  ['weekdayOfMonth', 'Weekday of the month'],
];

const DAYS_OF_MONTH = Array.from({ length: 31 }, (_, index) => index + 1);

/** The id of the control that edits a schedule field, as named by validateSchedule. */
const fieldId = (field: string): string => `schedule-${field}`;
const errorId = (field: string): string => `schedule-${field}-error`;

/**
 * Edits the schedule of one connection in a modal dialog, with the kind of schedule, its fields, the time
 * zone and a preview of the next runs. Saving goes through the worker, which validates the schedule again.
 */
export function ScheduleDialog(props: { connection: Connection; onClose: () => void }): JSX.Element {
  let dialog!: HTMLDialogElement;
  let opener: Element | null = null;
  const locale = navigator.language || 'en';
  const browserZone = browserTimeZone();
  const now = useNow();
  const weekdays = weekdayNames(locale, 'long');

  const [draft, setDraft] = createSignal<ScheduleDraft>(draftFromSchedule(props.connection.schedule, now(), browserZone));
  const [zoneCommitted, setZoneCommitted] = createSignal(false);
  const [submitted, setSubmitted] = createSignal(false);
  const [saving, setSaving] = createSignal(false);
  const [saveError, setSaveError] = createSignal<string | null>(null);
  const update = (patch: Partial<ScheduleDraft>): void => {
    setDraft((current) => ({ ...current, ...patch }));
  };

  const schedule = createMemo(() => scheduleFromDraft(draft()));
  const problems = createMemo(() => validateSchedule(schedule()));
  // A half-typed zone name is not flagged until the field is left or the form is submitted.
  const shownProblems = createMemo<ScheduleProblem[]>(() =>
    problems().filter((problem) => problem.field !== 'timeZone' || zoneCommitted() || submitted()),
  );
  const problemText = (field: string): string | null => {
    const messages = shownProblems()
      .filter((problem) => problem.field === field)
      .map((problem) => problem.message);
    return messages.length > 0 ? `${messages.join('. ')}.` : null;
  };
  const invalid = (field: string): boolean => problemText(field) !== null;
  const describedBy = (field: string): string | undefined => (invalid(field) ? errorId(field) : undefined);
  const validSchedule = createMemo(() => (problems().length === 0 ? schedule() : null));

  const runs = createLiveQuery(() => props.connection.id, listRuns);
  const typical = createMemo(() => typicalRunTime(runs() ?? []));

  onMount(() => {
    opener = document.activeElement;
    dialog.showModal();
    dialog.querySelector<HTMLInputElement>('input[name="schedule-kind"]:checked')?.focus();
  });
  onCleanup(() => {
    if (opener instanceof HTMLElement && opener.isConnected && !dialog.contains(document.activeElement)) opener.focus();
  });

  const focusFirstProblem = (): void => {
    const first = problems()[0];
    if (!first) return;
    const control = document.getElementById(fieldId(first.field));
    const target = control?.matches('input, select, button') ? control : control?.querySelector<HTMLElement>('input, select, button');
    target?.focus();
  };

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    setSaveError(null);
    if (problems().length > 0) {
      focusFirstProblem();
      return;
    }
    setSaving(true);
    try {
      await callWorker('saveSchedule', { id: props.connection.id, schedule: schedule() });
      showToast('Schedule saved.');
      dialog.close();
    } catch (caught) {
      setSaveError(describeError(caught));
    } finally {
      setSaving(false);
    }
  };

  const ProblemText = (fieldProps: { field: string }): JSX.Element => (
    <Show when={problemText(fieldProps.field)}>
      {(text) => (
        <p id={errorId(fieldProps.field)} class="field-error">
          {text()}
        </p>
      )}
    </Show>
  );

  return (
    <dialog ref={dialog} class="dialog schedule-dialog" aria-labelledby="schedule-title" onClose={() => props.onClose()}>
      <form class="form" novalidate onSubmit={(event) => void save(event)}>
        <div class="schedule-dialog-header">
          <h2 id="schedule-title">Schedule settings</h2>
          <p class="hint">{props.connection.name}</p>
        </div>

        <fieldset class="schedule-kinds">
          <legend>Runs</legend>
          <For each={KIND_LABELS}>
            {([kind, label]) => (
              <label class="schedule-kind">
                <input
                  id={`schedule-kind-${kind}`}
                  type="radio"
                  name="schedule-kind"
                  value={kind}
                  checked={draft().kind === kind}
                  onChange={() => update({ kind })}
                />
                {label}
              </label>
            )}
          </For>
        </fieldset>

        <div class="schedule-fields">
          <Switch>
            <Match when={draft().kind === 'timesPerDay'}>
              <div class="schedule-field">
                <label for={fieldId('timesPerDay')}>How often</label>
                <select
                  id={fieldId('timesPerDay')}
                  aria-invalid={invalid('timesPerDay') ? 'true' : undefined}
                  aria-describedby={describedBy('timesPerDay')}
                  onChange={(event) => update({ timesPerDay: Number(event.currentTarget.value) })}
                >
                  <For each={TIMES_PER_DAY_CHOICES}>
                    {(count) => (
                      <option value={count} selected={draft().timesPerDay === count}>
                        {describeTimesPerDayChoice(count)}
                      </option>
                    )}
                  </For>
                </select>
              </div>
              <ProblemText field="timesPerDay" />
              <div class="schedule-field">
                <label for={fieldId('anchorTime')}>Anchor time</label>
                <input
                  id={fieldId('anchorTime')}
                  type="time"
                  required
                  value={draft().anchorTime}
                  aria-invalid={invalid('anchorTime') ? 'true' : undefined}
                  aria-describedby={['schedule-anchor-hint', describedBy('anchorTime')].filter(Boolean).join(' ')}
                  onInput={(event) => update({ anchorTime: event.currentTarget.value })}
                />
              </div>
              <p id="schedule-anchor-hint" class="hint">
                The other slots follow at equal intervals from this time. Switching the connection ON sets the anchor to the minute of switching.
              </p>
              <ProblemText field="anchorTime" />
            </Match>

            <Match when={draft().kind === 'daysOfWeek'}>
              <p id="schedule-days-label" class="schedule-field-label">
                Days
              </p>
              <WeekdayToggles
                id={fieldId('days')}
                labelId="schedule-days-label"
                days={draft().days}
                locale={locale}
                invalid={invalid('days')}
                describedBy={describedBy('days')}
                onChange={(days) => update({ days })}
              />
              <ProblemText field="days" />
            </Match>

            <Match when={draft().kind === 'dayOfMonth'}>
              <div class="schedule-field">
                <label for={fieldId('day')}>Day</label>
                <select
                  id={fieldId('day')}
                  aria-invalid={invalid('day') ? 'true' : undefined}
                  aria-describedby={describedBy('day')}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    update({ day: value === 'last' ? 'last' : Number(value) });
                  }}
                >
                  <For each={DAYS_OF_MONTH}>
                    {(day) => (
                      <option value={day} selected={draft().day === day}>
                        {describeDayOfMonth(day)}
                      </option>
                    )}
                  </For>
                  <option value="last" selected={draft().day === 'last'}>
                    Last day
                  </option>
                </select>
              </div>
              <ProblemText field="day" />
            </Match>

            <Match when={draft().kind === 'weekdayOfMonth'}>
              <div class="schedule-field">
                <label for={fieldId('week')}>Week</label>
                <select
                  id={fieldId('week')}
                  aria-invalid={invalid('week') ? 'true' : undefined}
                  aria-describedby={describedBy('week')}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    update({ week: value === 'last' ? 'last' : (Number(value) as 1 | 2 | 3 | 4 | 5) });
                  }}
                >
                  <For each={WEEK_OF_MONTH_CHOICES}>
                    {(week) => (
                      <option value={String(week)} selected={draft().week === week}>
                        {describeWeekOfMonth(week)}
                      </option>
                    )}
                  </For>
                </select>
              </div>
              <ProblemText field="week" />
              <div class="schedule-field">
                <label for={fieldId('weekday')}>Weekday</label>
                <select
                  id={fieldId('weekday')}
                  aria-invalid={invalid('weekday') ? 'true' : undefined}
                  aria-describedby={describedBy('weekday')}
                  onChange={(event) => update({ weekday: Number(event.currentTarget.value) })}
                >
                  <For each={weekdays}>
                    {(name, index) => (
                      <option value={index() + 1} selected={draft().weekday === index() + 1}>
                        {name}
                      </option>
                    )}
                  </For>
                </select>
              </div>
              <ProblemText field="weekday" />
            </Match>
          </Switch>

          <Show when={draft().kind !== 'timesPerDay'}>
            <div class="schedule-field">
              <label for={fieldId('time')}>Time</label>
              <input
                id={fieldId('time')}
                type="time"
                required
                value={draft().time}
                aria-invalid={invalid('time') ? 'true' : undefined}
                aria-describedby={describedBy('time')}
                onInput={(event) => update({ time: event.currentTarget.value })}
              />
            </div>
            <ProblemText field="time" />
          </Show>
        </div>

        <TimeZonePicker
          id={fieldId('timeZone')}
          value={draft().timeZone}
          browserZone={browserZone}
          nowMs={now()}
          invalid={invalid('timeZone')}
          describedBy={describedBy('timeZone')}
          onInput={(timeZone) => update({ timeZone })}
          onCommit={() => setZoneCommitted(true)}
        />
        <ProblemText field="timeZone" />

        <SchedulePreview
          schedule={validSchedule()}
          nowMs={now()}
          locale={locale}
          browserZone={browserZone}
          enabled={props.connection.enabled}
          typicalRunTime={typical()}
        />

        <Show when={submitted() && problems().length > 0}>
          <p class="field-error" role="alert">
            Not saved: fix the marked {problems().length === 1 ? 'field' : 'fields'} first.
          </p>
        </Show>
        <Show when={saveError()}>
          <p class="field-error" role="alert">
            {saveError()}
          </p>
        </Show>
        <div class="actions">
          <button type="submit" class="primary" disabled={saving()}>
            Save schedule
          </button>
          <button type="button" onClick={() => dialog.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
