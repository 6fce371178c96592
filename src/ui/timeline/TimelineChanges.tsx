import { For, Show, createMemo, type JSX } from 'solid-js';
import type { Connection, DueTimeOverride, Run } from '../../contract/model.ts';
import { callWorker } from '../bridge.ts';
import { useNow } from '../clock.ts';
import { formatDateTime } from '../format.ts';
import { createLiveQuery } from '../live.ts';
import { act, showToast } from '../toast.tsx';
import { listConnectionOverrides } from './timeline-data.ts';
import { formatTimeNear } from './timeline-text.ts';

/** Maximum entries shown. Older changes stay stored. */
const SHOWN_CHANGES = 20;

interface ChangeEntry {
  override: DueTimeOverride;
  run: Run | undefined;
}

/** Renders the run history's entries for runs left out or postponed from the timeline, newest due time first. */
export function TimelineChanges(props: { connection: Connection }): JSX.Element {
  const entries = createLiveQuery(
    () => props.connection.id,
    async (db, connectionId): Promise<ChangeEntry[]> => {
      const overrides = (await listConnectionOverrides(db, connectionId)).slice(0, SHOWN_CHANGES);
      const runIds = overrides.map((override) => override.runId).filter((id): id is number => typeof id === 'number');
      const runs = await db.runs.bulkGet(runIds);
      return overrides.map((override) => ({ override, run: runs.find((run) => run !== undefined && run.id === override.runId) }));
    },
  );
  const now = useNow();
  const shown = createMemo(() => entries() ?? []);

  return (
    <Show when={shown().length > 0}>
      <section class="timeline-changes-section" aria-labelledby="timeline-changes-heading">
        <h3 id="timeline-changes-heading">Changes from the timeline</h3>
        <ul class="timeline-changes">
          <For each={shown()}>{(entry) => <ChangeItem entry={entry} connection={props.connection} nowMs={now()} />}</For>
        </ul>
      </section>
    </Show>
  );
}

function ChangeItem(props: { entry: ChangeEntry; connection: Connection; nowMs: number }): JSX.Element {
  const override = (): DueTimeOverride => props.entry.override;
  const isPending = (): boolean => override().handledAtMs == null;
  const canUndo = (): boolean => isPending() && override().dueAtMs > props.nowMs;
  const undo = (): void =>
    act(async () => {
      await callWorker('removeOverride', { connectionId: override().connectionId, dueAtMs: override().dueAtMs });
      showToast(`The run of "${props.connection.name}" due ${formatDateTime(override().dueAtMs)} is planned at its due time again.`);
    });

  return (
    <li data-testid="timeline-change">
      <span>{describeChange(override(), props.entry.run)}</span>
      <Show when={canUndo()}>
        {' '}
        <button type="button" onClick={undo}>
          Undo
        </button>
      </Show>
    </li>
  );
}

function describeChange(override: DueTimeOverride, run: Run | undefined): string {
  const due = formatDateTime(override.dueAtMs);
  if (override.action === 'leave-out') {
    if (override.handledAtMs == null) return `Left out from the timeline: the run due ${due} will not run. The schedule is unchanged.`;
    return `Left out from the timeline: the run due ${due} did not run. The schedule is unchanged.`;
  }
  const postponedTo = override.postponedToMs === null ? '' : formatTimeNear(override.postponedToMs, override.dueAtMs);
  const prefix = `Postponed to ${postponedTo} from the timeline: the run due ${due}`;
  if (override.handledAtMs == null) return `${prefix} waits for that time. The schedule is unchanged.`;
  const runText = run ? `run #${run.number}` : 'a run that was deleted since';
  switch (override.outcome) {
    case 'queued':
      return `${prefix} was queued then, as ${runText}.`;
    case 'merged':
      return `${prefix} merged into ${runText}, which was queued or running then.`;
    case 'missed':
      return `${prefix} was missed: that time passed while Runlane was closed or asleep.`;
    default:
      return `${prefix} did not run: the connection was OFF then.`;
  }
}
