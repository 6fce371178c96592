import { Show, createSignal, type JSX } from 'solid-js';
import type { ProfileExportFormat } from '../../contract/api/settings.ts';
import { callWorker } from '../bridge.ts';
import { formatBytes, formatNumber } from '../format.ts';
import { describeError } from '../messages.ts';
import { saveBlob } from './save-blob.ts';

/** Downloads every profile as JSON lines or CSV. */
export function ProfileExportSection(): JSX.Element {
  const [format, setFormat] = createSignal<ProfileExportFormat>('jsonl');
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ text: string; isError: boolean } | null>(null);

  const exportProfiles = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await callWorker('exportProfiles', { format: format() });
      saveBlob(result.fileName, result.blob);
      const profiles = `${formatNumber(result.profileCount)} ${result.profileCount === 1 ? 'profile' : 'profiles'}`;
      setMessage({ text: `Exported ${profiles} to ${result.fileName} (${formatBytes(result.blob.size)}).`, isError: false });
    } catch (caught) {
      setMessage({ text: describeError(caught), isError: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="profile-export-heading">
      <h2 id="profile-export-heading">Profile store export</h2>
      <fieldset class="settings-choices">
        <legend>File format</legend>
        <label class="settings-choice">
          <input type="radio" name="profile-export-format" value="jsonl" checked={format() === 'jsonl'} onChange={() => setFormat('jsonl')} />
          <span>JSON lines: one profile per line, with every stored field</span>
        </label>
        <label class="settings-choice">
          <input type="radio" name="profile-export-format" value="csv" checked={format() === 'csv'} onChange={() => setFormat('csv')} />
          <span>CSV: one column per property and consent objective, times in UTC</span>
        </label>
      </fieldset>
      <div class="actions">
        <button type="button" class="primary" disabled={busy()} onClick={() => void exportProfiles()}>
          {busy() ? 'Exporting…' : 'Export profiles'}
        </button>
      </div>
      <Show when={message()}>
        {(current) => (
          <p class={current().isError ? 'field-error' : undefined} role={current().isError ? 'alert' : 'status'} data-testid="profile-export-result">
            {current().text}
          </p>
        )}
      </Show>
    </section>
  );
}
