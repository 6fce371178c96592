import { For, Show, createSignal, onMount, type JSX } from 'solid-js';
import type { Connection } from '../../contract/model.ts';
import { browserTimeZone, validateSchedule, type Schedule } from '../../domain/schedule.ts';
import { callWorker } from '../bridge.ts';
import { describeError } from '../messages.ts';
import { showToast } from '../toast.tsx';
import { TIMES_PER_DAY_OPTIONS, describeTimesPerDay } from '../pages/NewConnectionPage.tsx';

/** The schedule settings of one connection, in a modal dialog. */
export function ScheduleDialog(props: { connection: Connection; onClose: () => void }): JSX.Element {
  let dialog!: HTMLDialogElement;
  const initial = props.connection.schedule;
  const [timesPerDay, setTimesPerDay] = createSignal(initial?.kind === 'timesPerDay' ? initial.timesPerDay : 1);
  const [anchorTime, setAnchorTime] = createSignal(initial?.kind === 'timesPerDay' ? initial.anchorTime : '00:00');
  const [error, setError] = createSignal<string | null>(null);
  const timeZone = initial?.timeZone ?? browserTimeZone();
  onMount(() => dialog.showModal());

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: timesPerDay(), anchorTime: anchorTime(), timeZone };
    const problems = validateSchedule(schedule);
    if (problems.length > 0) {
      setError(problems.map((p) => p.message).join(' '));
      return;
    }
    try {
      await callWorker('saveSchedule', { id: props.connection.id, schedule });
      showToast('Schedule saved.');
      dialog.close();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="schedule-title" onClose={() => props.onClose()}>
      <form onSubmit={(e) => void save(e)} class="form">
        <h2 id="schedule-title">Schedule</h2>
        <label>
          Runs
          <select value={timesPerDay()} onChange={(e) => setTimesPerDay(Number(e.currentTarget.value))}>
            <For each={TIMES_PER_DAY_OPTIONS}>{(n) => <option value={n}>{describeTimesPerDay(n)}</option>}</For>
          </select>
        </label>
        <label>
          First slot of the day (anchor)
          <input type="time" value={anchorTime()} onInput={(e) => setAnchorTime(e.currentTarget.value)} />
        </label>
        <p class="hint">Time zone: {timeZone}</p>
        <Show when={error()}>
          <p class="field-error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="actions">
          <button type="submit" class="primary">
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
