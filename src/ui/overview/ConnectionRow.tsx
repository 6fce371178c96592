import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import type { Connection, Run } from '../../contract/model.ts';
import { describeSchedule } from '../../domain/schedule.ts';
import { callWorker } from '../bridge.ts';
import { connectorLabel } from '../connectors/labels.ts';
import { formatDateTime, formatRelative } from '../format.ts';
import { describeRunNow, stateLabel } from '../run-text.ts';
import { act, showToast } from '../toast.tsx';
import { createNextRunMs } from '../history/next-run.ts';
import { connectionPath, runDetailPath } from '../history/run-paths.ts';
import { formatDateTimeWithZone } from '../history/zone-time.ts';

const DIRECTION_LABELS: Record<Connection['direction'], string> = { import: 'Import', export: 'Export', realtime: 'Real-time' };

export function kindLabel(connection: Connection): string {
  const connector = connectorLabel(connection.settings.connector);
  return connector ? `${DIRECTION_LABELS[connection.direction]} · ${connector}` : DIRECTION_LABELS[connection.direction];
}

function noNextRunText(connection: Connection): string {
  if (connection.direction === 'realtime') return '—';
  return connection.enabled ? 'No run planned' : 'OFF: no run planned';
}

function scheduleText(connection: Connection): string {
  if (connection.direction === 'realtime') return 'Reacts to each change while ON';
  return connection.schedule ? describeSchedule(connection.schedule, navigator.language) : 'No schedule: only with Run now';
}

/** Renders one connection of the overview. Cells carry their column name, so that phones can show each row as a card. */
export function ConnectionRow(props: { connection: Connection; lastRun: Run | undefined; nowMs: number }): JSX.Element {
  const nextMs = createNextRunMs(() => props.connection, () => props.nowMs);
  const runNow = (): void =>
    act(async () => {
      const result = await callWorker('runNow', { id: props.connection.id });
      showToast(describeRunNow(props.connection.name, result));
    });

  return (
    <tr role="row" data-testid={`connection-row-${props.connection.id}`}>
      <td role="cell" class="name-cell" data-label="Name">
        <A class="cell-link" href={connectionPath(props.connection.id)}>
          {props.connection.name}
        </A>
        <Show when={props.connection.description}>
          <span class="row-description">{props.connection.description}</span>
        </Show>
      </td>
      <td role="cell" data-label="Kind">
        {kindLabel(props.connection)}
      </td>
      <td role="cell" data-label="Status">
        <span class={props.connection.enabled ? 'status status-on' : 'status status-off'}>{props.connection.enabled ? 'ON' : 'OFF'}</span>
      </td>
      <td role="cell" data-label="Schedule">
        {scheduleText(props.connection)}
      </td>
      <td role="cell" data-label="Last run">
        <Show when={props.lastRun} fallback="Never ran">
          {(run) => (
            <A class="cell-link" href={runDetailPath(run().connectionId, run().number)}>
              <span class="visually-hidden">Run #{run().number}: </span>
              <span class={`state-badge state-${run().state}`}>{stateLabel(run())}</span>
              <Show when={run().startedAtMs !== null}>
                <span class="last-run-time">{formatDateTime(run().startedAtMs as number)}</span>
              </Show>
            </A>
          )}
        </Show>
      </td>
      <td role="cell" data-label="Next run">
        <Show when={nextMs()} fallback={noNextRunText(props.connection)}>
          {(ms) => (
            <>
              <span class="next-relative">{formatRelative(ms(), props.nowMs)}</span>
              <span class="next-absolute">{formatDateTimeWithZone(ms(), props.connection.schedule?.timeZone)}</span>
            </>
          )}
        </Show>
      </td>
      <td role="cell" class="actions-cell" data-label="Actions">
        <Show when={props.connection.direction !== 'realtime'}>
          <button type="button" onClick={runNow} aria-label={`Run now: ${props.connection.name}`}>
            Run now
          </button>
        </Show>
      </td>
    </tr>
  );
}
