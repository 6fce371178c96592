import { For, Show, type JSX } from 'solid-js';
import type { Connection, RealtimeEvent } from '../../../contract/model.ts';
import { countPendingChanges, listRealtimeEvents } from '../../../storage/export-queries.ts';
import { formatDateTimeSeconds, formatNumber } from '../../format.ts';
import { createLiveQuery } from '../../live.ts';
import './realtime-history.css';

const KIND_LABELS: Record<RealtimeEvent['kind'], string> = {
  'switched-on': 'Switched ON',
  'switched-off': 'Switched OFF',
  delivered: 'Delivered',
  rejected: 'Rejected',
  error: 'Error',
  'left-out': 'Left out',
};

/** State-badge classes, so that colour and the symbol the stylesheet adds carry the same meaning as the text. */
const KIND_CLASSES: Record<RealtimeEvent['kind'], string> = {
  'switched-on': 'state-running',
  'switched-off': 'state-cancelled',
  delivered: 'state-finished',
  rejected: 'state-failed',
  error: 'state-failed',
  'left-out': 'state-missed',
};

/**
 * Renders the history of a real-time connection: when it was ON, its deliveries and its errors. It has no runs, so
 * there are no counters, but each entry shows how many changes it covers.
 */
export function RealtimeHistory(props: { connection: Connection }): JSX.Element {
  const events = createLiveQuery(() => props.connection.id, (db, id) => listRealtimeEvents(db, id));
  const pending = createLiveQuery(() => props.connection.id, countPendingChanges);

  const status = (): string => {
    if (!props.connection.enabled) return 'The connection is OFF: changes are not sent. Switch it ON to send each change from then on.';
    const count = pending();
    if (count === undefined || count === null) return 'The connection is ON.';
    if (count === 0) return 'The connection is ON and every change has been sent.';
    return `The connection is ON; ${formatNumber(count)} ${count === 1 ? 'change waits' : 'changes wait'} to be sent.`;
  };

  return (
    <section class="panel" aria-labelledby="realtime-history-heading">
      <h2 id="realtime-history-heading">Delivery history</h2>
      <p class="schedule-words" data-testid="realtime-status">
        {status()}
      </p>
      <p class="hint">Changes are sent only while Runlane is open in a browser tab; changes made while it was closed are sent when it opens.</p>
      <div class="table-scroll">
        <table class="data-table realtime-events" aria-label="Delivery history">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col" class="num">
                Changes
              </th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            <For each={events() ?? []}>
              {(event) => (
                <tr data-testid="realtime-event">
                  <td>{formatDateTimeSeconds(event.atMs)}</td>
                  <td>
                    <span class={`state-badge ${KIND_CLASSES[event.kind]}`}>{KIND_LABELS[event.kind]}</span>
                  </td>
                  <td class="num">
                    <Show when={event.changeCount > 0}>
                      {formatNumber(event.changeCount)}
                      <span class="realtime-count-noun"> {event.changeCount === 1 ? 'change' : 'changes'}</span>
                    </Show>
                  </td>
                  <td class="message">{event.message}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={events()?.length === 0}>
        <p class="hint">Nothing yet. Switch the connection ON; each change to a profile is then sent and listed here.</p>
      </Show>
    </section>
  );
}
