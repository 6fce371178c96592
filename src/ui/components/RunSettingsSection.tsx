import { Show, createEffect, createSignal, on, type JSX } from 'solid-js';
import type { CatchUpPolicy, Connection } from '../../contract/model.ts';
import { callWorker } from '../bridge.ts';
import { describeError } from '../messages.ts';
import { showToast } from '../toast.tsx';

const MAX_RETRIES = 4;

/** How a batch connection's runs are guarded: time limit, retries after transient failures, catch-up. */
export function RunSettingsSection(props: { connection: Connection }): JSX.Element {
  const [limitMinutes, setLimitMinutes] = createSignal(String(props.connection.timeLimitMs / 60_000));
  const [retries, setRetries] = createSignal(String(props.connection.maxRetries));
  const [catchUp, setCatchUp] = createSignal<CatchUpPolicy>(props.connection.catchUp);
  const [limitError, setLimitError] = createSignal<string | null>(null);
  const [retriesError, setRetriesError] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  createEffect(
    on(
      () => props.connection,
      (connection) => {
        setLimitMinutes(String(connection.timeLimitMs / 60_000));
        setRetries(String(connection.maxRetries));
        setCatchUp(connection.catchUp);
      },
      { defer: true },
    ),
  );

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    const minutes = Number(limitMinutes());
    const retryCount = Number(retries());
    setLimitError(Number.isInteger(minutes) && minutes >= 1 && minutes <= 24 * 60 ? null : `Time limit "${limitMinutes()}" is invalid: enter whole minutes from 1 to 1440.`);
    setRetriesError(Number.isInteger(retryCount) && retryCount >= 0 && retryCount <= MAX_RETRIES ? null : `Retries "${retries()}" is invalid: enter a whole number from 0 to ${MAX_RETRIES}.`);
    if (limitError() || retriesError()) return;
    try {
      await callWorker('updateConnection', { id: props.connection.id, patch: { timeLimitMs: minutes * 60_000, maxRetries: retryCount, catchUp: catchUp() } });
      showToast('Run settings saved; they apply from the next run.');
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <section class="panel" aria-labelledby="run-settings-heading">
      <h2 id="run-settings-heading">Run settings</h2>
      <form class="form" onSubmit={(e) => void save(e)} novalidate>
        <div class="fields">
          <label>
            Time limit (minutes)
            <input
              type="number"
              inputMode="numeric"
              min="1"
              max="1440"
              value={limitMinutes()}
              aria-invalid={limitError() ? 'true' : undefined}
              aria-describedby="time-limit-hint time-limit-error"
              onInput={(e) => setLimitMinutes(e.currentTarget.value)}
            />
          </label>
          <label>
            Retries after a transient failure
            <input
              type="number"
              inputMode="numeric"
              min="0"
              max={MAX_RETRIES}
              value={retries()}
              aria-invalid={retriesError() ? 'true' : undefined}
              aria-describedby="retries-hint retries-error"
              onInput={(e) => setRetries(e.currentTarget.value)}
            />
          </label>
          <label>
            Runs missed while Runlane was closed
            <select value={catchUp()} onChange={(e) => setCatchUp(e.currentTarget.value as CatchUpPolicy)}>
              <option value="once" selected={catchUp() === 'once'}>
                Run once when the app opens
              </option>
              <option value="skip" selected={catchUp() === 'skip'}>
                Skip missed runs
              </option>
            </select>
          </label>
        </div>
        <p id="time-limit-hint" class="hint">
          A run still going after the time limit is stopped and marked failed.
        </p>
        <p id="retries-hint" class="hint">
          An unreachable host, a server error (HTTP 5xx) or a remote time-out is tried again after 30 s, 2 min, 8 min and 30 min; a configuration or data
          problem is not.
        </p>
        <Show when={limitError()}>
          <p id="time-limit-error" class="field-error">
            {limitError()}
          </p>
        </Show>
        <Show when={retriesError()}>
          <p id="retries-error" class="field-error">
            {retriesError()}
          </p>
        </Show>
        <Show when={error()}>
          <p class="field-error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="actions">
          <button type="submit">Save run settings</button>
        </div>
      </form>
    </section>
  );
}
