import { Show, createSignal, type JSX } from 'solid-js';
import { callWorker } from '../bridge.ts';
import { formatNumber } from '../format.ts';
import { describeError } from '../messages.ts';

/** Deletes the demo connection with its history and seeds the demo again, after asking. */
export function DemoSection(): JSX.Element {
  const [removeProfiles, setRemoveProfiles] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ text: string; isError: boolean } | null>(null);

  const reset = async (): Promise<void> => {
    const profilesText = removeProfiles() ? ' and the profiles it imported' : '; the profiles it imported stay';
    if (!confirm(`Reset the demo? The demo connection is deleted with its runs, logs and file${profilesText}. Then the demo is seeded again and its first run starts.`)) return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await callWorker('resetDemo', { removeDemoProfiles: removeProfiles() });
      const removed = result.removedDemoConnection
        ? `Removed the demo connection with ${formatNumber(result.removedRuns)} ${result.removedRuns === 1 ? 'run' : 'runs'}${removeProfiles() ? ` and ${formatNumber(result.removedProfiles)} ${result.removedProfiles === 1 ? 'profile' : 'profiles'}` : ''}.`
        : 'No demo connection was found.';
      setMessage({ text: `${removed} The demo was seeded again and its first run is queued.`, isError: false });
    } catch (caught) {
      setMessage({ text: describeError(caught), isError: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Demo data</h2>
      <p>
        Resetting deletes the demo connection with its run history, logs and stored file, and seeds it again from the sample file. Your own
        connections stay as they are.
      </p>
      <label class="checkbox settings-choice">
        <input type="checkbox" checked={removeProfiles()} onChange={(e) => setRemoveProfiles(e.currentTarget.checked)} />
        <span>Also remove demo profiles: the profiles a demo connection wrote last. Profiles that another connection updated since stay.</span>
      </label>
      <div class="actions">
        <button type="button" class="danger" disabled={busy()} onClick={() => void reset()}>
          Reset demo data
        </button>
      </div>
      <Show when={message()}>
        {(current) => (
          <p class={current().isError ? 'field-error' : undefined} role={current().isError ? 'alert' : 'status'} data-testid="demo-reset-result">
            {current().text}
          </p>
        )}
      </Show>
    </section>
  );
}
