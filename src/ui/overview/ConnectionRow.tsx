import { Show, type JSX } from 'solid-js';
import type { Connection, Run } from '../../contract/model.ts';
import { describeValidSchedule } from '../../domain/schedule-describe-text.ts';
import type { ScheduleFacts } from '../../domain/schedule-facts.ts';
import { callWorker } from '../bridge.ts';
import { connectorLabel } from '../connectors/labels.ts';
import { formatDateTime, formatRelative } from '../format.ts';
import { describeRunNow, stateLabel } from '../run-text.ts';
import { act, showToast } from '../toast.tsx';
import { connectionPath, runDetailPath } from '../history/run-paths.ts';
import { formatDateTimeBesideZone } from '../history/zone-time-text.ts';
import { createScheduleFacts, describeInvalidSchedule } from './schedule-facts.ts';

/**
 * Returns the address of a link to `path` under the hash router. Rows use plain links: the router handles clicks on
 * every link, and <A>'s tracking of the active route cost about as much as the rest of a row.
 */
function hashHref(path: string): string {
  return `#${path}`;
}

const DIRECTION_LABELS: Record<Connection['direction'], string> = { import: 'Import', export: 'Export', realtime: 'Real-time' };

export function kindLabel(connection: Connection): string {
  const connector = connectorLabel(connection.settings.connector);
  return connector ? `${DIRECTION_LABELS[connection.direction]} · ${connector}` : DIRECTION_LABELS[connection.direction];
}

function noNextRunText(connection: Connection): string {
  if (connection.direction === 'realtime') return '—';
  return connection.enabled ? 'No run planned' : 'OFF: no run planned';
}

/** Returns the schedule in words, or '' while the facts of a schedule load. */
function scheduleText(connection: Connection, facts: ScheduleFacts | undefined): string {
  if (connection.direction === 'realtime') return 'Reacts to each change while ON';
  if (!connection.schedule) return 'No schedule: only with Run now';
  if (!facts) return '';
  return facts.isValid ? describeValidSchedule(connection.schedule, facts.timeZoneName, navigator.language) : describeInvalidSchedule(connection, navigator.language);
}

/** Renders one connection of the overview. Cells carry their column name, so that phones can show each row as a card. */
export function ConnectionRow(props: { connection: Connection; lastRun: Run | undefined; nowMs: number }): JSX.Element {
  const facts = createScheduleFacts(() => props.connection, () => props.nowMs);
  /** Returns the next run, null when none is planned, or undefined while its facts load. */
  const nextMs = (): number | null | undefined => {
    if (!props.connection.enabled || !props.connection.schedule) return null;
    return facts()?.nextDueAtMs;
  };
  const runNow = (): void =>
    act(async () => {
      const result = await callWorker('runNow', { id: props.connection.id });
      showToast(describeRunNow(props.connection.name, result));
    });

  return (
    <tr role="row" data-testid={`connection-row-${props.connection.id}`}>
      <td role="cell" class="name-cell" data-label="Name">
        <a class="cell-link" href={hashHref(connectionPath(props.connection.id))}>
          {props.connection.name}
        </a>
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
        {scheduleText(props.connection, facts())}
      </td>
      <td role="cell" data-label="Last run">
        <Show when={props.lastRun} fallback="Never ran">
          {(run) => (
            <a class="cell-link" href={hashHref(runDetailPath(run().connectionId, run().number))}>
              <span class="visually-hidden">Run #{run().number}: </span>
              <span class={`state-badge state-${run().state}`}>{stateLabel(run())}</span>
              <Show when={run().startedAtMs !== null}>
                <span class="last-run-time">{formatDateTime(run().startedAtMs as number)}</span>
              </Show>
            </a>
          )}
        </Show>
      </td>
      <td role="cell" data-label="Next run">
        <Show when={nextMs() !== undefined}>
          <Show when={nextMs()} fallback={noNextRunText(props.connection)}>
            {(ms) => (
              <>
                <span class="next-relative">{formatRelative(ms(), props.nowMs)}</span>
                <span class="next-absolute">
                  {formatDateTimeBesideZone(ms(), props.connection.schedule?.timeZone, facts()?.browserTimeZone ?? '', facts()?.isBrowserTimeZone ?? true)}
                </span>
              </>
            )}
          </Show>
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
