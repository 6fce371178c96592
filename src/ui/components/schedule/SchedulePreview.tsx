import { For, Index, Show, createMemo, type JSX } from 'solid-js';
import { describeSchedule, type Schedule } from '../../../domain/schedule.ts';
import { PREVIEW_RUN_COUNT, buildPreviewRows, describePileUp, describeSkippedMonths, type TypicalRunTime } from '../../schedule-preview.ts';

/**
 * Lists the next runs of the schedule being edited, in its time zone and in the browser's, with notes on
 * daylight-saving days, the months without a run, and a warning when runs would pile up in the queue.
 * `schedule` is null while the dialog has problems to fix.
 */
export function SchedulePreview(props: {
  schedule: Schedule | null;
  nowMs: number;
  locale: string;
  browserZone: string;
  enabled: boolean;
  typicalRunTime: TypicalRunTime | null;
}): JSX.Element {
  const rows = createMemo(() => {
    const schedule = props.schedule;
    if (schedule === null) return [];
    return buildPreviewRows(schedule, props.nowMs, { locale: props.locale, browserZone: props.browserZone });
  });
  const skipped = createMemo(() => (props.schedule === null ? [] : describeSkippedMonths(props.schedule, props.nowMs, props.locale)));
  const pileUp = createMemo(() => (props.schedule === null ? null : describePileUp(props.schedule, props.typicalRunTime)));
  const showsBrowserZone = (): boolean => rows().some((row) => row.browserZoneText !== null);

  return (
    <section class="schedule-preview" aria-labelledby="schedule-preview-heading">
      <h3 id="schedule-preview-heading">Next {PREVIEW_RUN_COUNT} runs</h3>
      <Show when={props.schedule} fallback={<p class="hint">Fix the problems above to see the next runs.</p>}>
        {(schedule) => (
          <>
            <p data-testid="schedule-summary">{describeSchedule(schedule(), props.locale)}</p>
            <Show when={showsBrowserZone()}>
              <p class="hint">“Your time” is the same run in this browser’s time zone, {props.browserZone}.</p>
            </Show>
            <ol class="preview-runs">
              <Index each={rows()}>
                {(row) => (
                  <li data-testid="preview-row" classList={{ 'preview-shifted': row().shiftNote !== null }}>
                    <time datetime={row().instant} class="preview-time">
                      {row().scheduleZoneText}
                    </time>
                    <Show when={row().browserZoneText}>{(text) => <span class="preview-local">Your time: {text()}</span>}</Show>
                    <Show when={row().shiftNote}>
                      {(note) => (
                        <span class="preview-note">
                          <span aria-hidden="true">⚠ </span>
                          {note()}
                        </span>
                      )}
                    </Show>
                  </li>
                )}
              </Index>
            </ol>
            <Show when={skipped().length > 0}>
              <ul class="preview-skipped" aria-label="Months without a run">
                <For each={skipped()}>{(text) => <li data-testid="skipped-month">{text}</li>}</For>
              </ul>
            </Show>
            <Show when={!props.enabled}>
              <p class="hint">The connection is OFF: these runs happen only after you switch it ON.</p>
            </Show>
          </>
        )}
      </Show>
      <div role="status" class="schedule-warning-slot">
        <Show when={pileUp()}>
          {(warning) => (
            <p class="schedule-warning" data-testid="pile-up-warning">
              <span aria-hidden="true">⚠ </span>
              {warning()}
            </p>
          )}
        </Show>
      </div>
    </section>
  );
}
