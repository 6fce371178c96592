import { For, Show, createEffect, createSignal, on, type JSX } from 'solid-js';
import {
  MAX_RETENTION_DAYS,
  MAX_RETENTION_RUNS,
  RETENTION_POLICY_KEY,
  defaultRetentionPolicy,
  type PruneResult,
  type RetentionLimits,
  type RetentionPolicy,
} from '../../contract/api/settings.ts';
import type { Connection } from '../../contract/model.ts';
import { listConnections, readMeta } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { formatNumber } from '../format.ts';
import { createLive } from '../live.ts';
import { describeError } from '../messages.ts';
import { showToast } from '../toast.tsx';

/** Default run-history limits, each connection's own limits, and pruning on demand. */
export function RetentionSection(): JSX.Element {
  const stored = createLive((db) => readMeta<RetentionPolicy>(db, RETENTION_POLICY_KEY));
  const policy = (): RetentionPolicy => stored() ?? defaultRetentionPolicy();
  const connections = createLive(listConnections);
  const [error, setError] = createSignal<string | null>(null);

  const saveDefaults = async (limits: RetentionLimits): Promise<void> => {
    setError(null);
    try {
      showToast(`Default limits saved. ${describePruned(await callWorker('saveRetentionDefaults', { limits }))}`);
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const pruneNow = async (): Promise<void> => {
    try {
      showToast(describePruned(await callWorker('pruneRunHistory')));
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <section class="panel" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Run history</h2>
      <p>
        Each connection keeps its newest runs up to the runs to keep, and only runs that ended within the days to keep. Older runs are removed
        with their logs and export files after each run and when Runlane starts. Queued and running runs always stay.
      </p>
      <LimitsForm legend="Default for every connection" limits={policy().defaults} submitLabel="Save defaults" onSave={(limits) => void saveDefaults(limits)} />
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={(connections()?.length ?? 0) > 0}>
        <div class="table-scroll">
          <table class="data-table" aria-label="Run history limits by connection">
            <thead>
              <tr>
                <th scope="col">Connection</th>
                <th scope="col">Keeps</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={connections()}>{(connection) => <ConnectionLimitsRow connection={connection} policy={policy()} />}</For>
            </tbody>
          </table>
        </div>
      </Show>
      <div class="actions">
        <button type="button" onClick={() => void pruneNow()}>
          Remove old runs now
        </button>
      </div>
    </section>
  );
}

function ConnectionLimitsRow(props: { connection: Connection; policy: RetentionPolicy }): JSX.Element {
  const [editing, setEditing] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const own = (): RetentionLimits | undefined => props.policy.byConnection[props.connection.id];
  const save = async (limits: RetentionLimits | null): Promise<void> => {
    setError(null);
    try {
      const result = await callWorker('saveConnectionRetention', { connectionId: props.connection.id, limits });
      setEditing(false);
      showToast(`Limits of "${props.connection.name}" saved. ${describePruned(result)}`);
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  return (
    <tr data-testid="retention-row">
      <th scope="row">{props.connection.name}</th>
      <td>
        <Show when={editing()} fallback={own() ? `Own limits: ${describeLimits(own() as RetentionLimits)}` : `Default: ${describeLimits(props.policy.defaults)}`}>
          <LimitsForm
            legend={`Limits of ${props.connection.name}`}
            limits={own() ?? props.policy.defaults}
            submitLabel="Save limits"
            onSave={(limits) => void save(limits)}
            onCancel={() => setEditing(false)}
          />
          <Show when={error()}>
            <p class="field-error" role="alert">
              {error()}
            </p>
          </Show>
        </Show>
      </td>
      <td>
        <Show when={!editing()}>
          <div class="actions">
            <button type="button" onClick={() => setEditing(true)} aria-label={`Set own limits for ${props.connection.name}`}>
              Set own limits
            </button>
            <Show when={own()}>
              <button type="button" onClick={() => void save(null)} aria-label={`Use the default limits for ${props.connection.name}`}>
                Use defaults
              </button>
            </Show>
          </div>
        </Show>
      </td>
    </tr>
  );
}

interface LimitsFormProps {
  legend: string;
  limits: RetentionLimits;
  submitLabel: string;
  onSave: (limits: RetentionLimits) => void;
  onCancel?: () => void;
}

function LimitsForm(props: LimitsFormProps): JSX.Element {
  const [maxRuns, setMaxRuns] = createSignal('');
  const [maxDays, setMaxDays] = createSignal('');
  createEffect(
    on(
      () => props.limits,
      (limits) => {
        setMaxRuns(String(limits.maxRuns));
        setMaxDays(String(limits.maxDays));
      },
    ),
  );
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    props.onSave({ maxRuns: Number(maxRuns()), maxDays: Number(maxDays()) });
  };
  return (
    <form class="limits-form" onSubmit={submit}>
      <fieldset class="fields">
        <legend>{props.legend}</legend>
        <label>
          Runs to keep
          <input type="number" inputMode="numeric" min={1} max={MAX_RETENTION_RUNS} step={1} required value={maxRuns()} onInput={(e) => setMaxRuns(e.currentTarget.value)} />
        </label>
        <label>
          Days to keep
          <input type="number" inputMode="numeric" min={1} max={MAX_RETENTION_DAYS} step={1} required value={maxDays()} onInput={(e) => setMaxDays(e.currentTarget.value)} />
        </label>
        <div class="actions">
          <button type="submit" class="primary">
            {props.submitLabel}
          </button>
          <Show when={props.onCancel}>
            <button type="button" onClick={() => props.onCancel?.()}>
              Cancel
            </button>
          </Show>
        </div>
      </fieldset>
    </form>
  );
}

function describeLimits(limits: RetentionLimits): string {
  return `${formatNumber(limits.maxRuns)} runs, ${formatNumber(limits.maxDays)} days`;
}

export function describePruned(result: PruneResult): string {
  if (result.removedRuns === 0 && result.removedMissedRuns === 0) return 'No runs were beyond the limits.';
  const runs = `${formatNumber(result.removedRuns)} ${result.removedRuns === 1 ? 'run' : 'runs'}`;
  const lines = `${formatNumber(result.removedLogLines)} log ${result.removedLogLines === 1 ? 'line' : 'lines'}`;
  const missed = result.removedMissedRuns > 0 ? ` and ${formatNumber(result.removedMissedRuns)} missed-run ${result.removedMissedRuns === 1 ? 'entry' : 'entries'}` : '';
  return `Removed ${runs} with ${lines}${missed}.`;
}
