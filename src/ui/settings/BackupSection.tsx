import { For, Show, createSignal, type JSX } from 'solid-js';
import type { BackupPreview, RestoreResult } from '../../contract/api/settings.ts';
import { callWorker } from '../bridge.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { describeError } from '../messages.ts';
import { showToast } from '../toast.tsx';
import { saveBlob } from './save-blob.ts';

/** Downloads a backup file, and restores one after showing what it would add. */
export function BackupSection(): JSX.Element {
  return (
    <section class="panel" aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backup and restore</h2>
      <p>
        A backup file holds every connection with its schedule, mapping and notification settings, the property definitions, the consent
        objectives and the run-history limits. It holds no profiles, runs, logs or files.
      </p>
      <BackupDownload />
      <RestoreFromFile />
    </section>
  );
}

function BackupDownload(): JSX.Element {
  const [includeHeaders, setIncludeHeaders] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const download = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const backup = await callWorker('createBackup', { includeRequestHeaders: includeHeaders() });
      saveBlob(backup.fileName, new Blob([backup.text], { type: 'application/json' }));
      const leftOut = backup.headersLeftOutCount > 0 ? ` Request header values of ${formatNumber(backup.headersLeftOutCount)} ${backup.headersLeftOutCount === 1 ? 'connection were' : 'connections were'} left out.` : '';
      showToast(`Backup of ${formatNumber(backup.connectionCount)} ${backup.connectionCount === 1 ? 'connection' : 'connections'} saved as ${backup.fileName}.${leftOut}`);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="form">
      <label class="checkbox">
        <input type="checkbox" checked={includeHeaders()} onChange={(e) => setIncludeHeaders(e.currentTarget.checked)} aria-describedby="header-warning" />
        Include request header values
      </label>
      <p id="header-warning" class={includeHeaders() ? 'settings-warning' : 'hint'}>
        {includeHeaders()
          ? 'Warning: header values are secrets such as API keys, and anyone who has the file can use them. Keep the file somewhere safe.'
          : 'Header values are secrets, so they are left out: after a restore, enter them again. Header names stay in the file.'}
      </p>
      <div class="actions">
        <button type="button" class="primary" disabled={busy()} onClick={() => void download()}>
          Download backup
        </button>
      </div>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  );
}

function RestoreFromFile(): JSX.Element {
  let input: HTMLInputElement | undefined;
  const [file, setFile] = createSignal<File | null>(null);
  const [preview, setPreview] = createSignal<BackupPreview | null>(null);
  const [result, setResult] = createSignal<RestoreResult | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const reset = (): void => {
    setFile(null);
    setPreview(null);
    if (input) input.value = '';
  };
  const check = async (picked: File | undefined): Promise<void> => {
    setPreview(null);
    setResult(null);
    setError(null);
    if (!picked) return;
    setFile(picked);
    try {
      setPreview(await callWorker('checkBackup', { file: picked }));
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const restore = async (): Promise<void> => {
    const picked = file();
    if (!picked) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await callWorker('restoreBackup', { file: picked }));
      reset();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="form">
      <h3>Restore</h3>
      <p class="hint">
        A restore adds the backup's connections switched OFF, and its property definitions and consent objectives that are not here yet.
        Connections, properties and objectives that are here already stay as they are.
      </p>
      <label>
        Backup file
        <input ref={input} type="file" accept=".json,application/json" onChange={(e) => void check(e.currentTarget.files?.[0])} />
      </label>
      <Show when={error()}>
        <p class="field-error settings-lines" role="alert" data-testid="restore-error">
          {error()}
        </p>
      </Show>
      <Show when={preview()}>
        {(current) => (
          <div class="settings-preview" data-testid="restore-preview">
            <p>Backup made {formatDateTime(current().createdAtMs)}.</p>
            <RestoreSummary summary={current()} />
            <div class="actions">
              <button type="button" class="primary" disabled={busy() || current().connectionsToAdd.length + current().propertyDefinitionsToAdd.length + current().consentObjectivesToAdd.length === 0} onClick={() => void restore()}>
                Restore
              </button>
              <button type="button" onClick={reset}>
                Cancel
              </button>
            </div>
          </div>
        )}
      </Show>
      <Show when={result()}>
        {(current) => (
          <div class="settings-preview" role="status" data-testid="restore-result">
            <p>
              <strong>
                Restored {formatNumber(current().addedConnectionIds.length)} {current().addedConnectionIds.length === 1 ? 'connection' : 'connections'}, switched OFF.
              </strong>
            </p>
            <Show when={current().addedConnectionIds.length > 0}>
              <ul>
                <For each={current().addedConnectionIds}>
                  {(id, index) => (
                    <li>
                      <a href={`#/connections/${id}`}>{current().connectionsToAdd[index()]}</a>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <RestoreNotes notes={current().notes} />
          </div>
        )}
      </Show>
    </div>
  );
}

function RestoreSummary(props: { summary: BackupPreview }): JSX.Element {
  const list = (items: string[]): string => (items.length > 0 ? items.join(', ') : 'none');
  return (
    <>
      <ul>
        <li>Connections to add, switched OFF: {list(props.summary.connectionsToAdd)}</li>
        <Show when={props.summary.connectionsPresent.length > 0}>
          <li>Connections already here, left as they are: {list(props.summary.connectionsPresent)}</li>
        </Show>
        <li>Property definitions to add: {list(props.summary.propertyDefinitionsToAdd)}</li>
        <li>Consent objectives to add: {list(props.summary.consentObjectivesToAdd)}</li>
      </ul>
      <RestoreNotes notes={props.summary.notes} />
    </>
  );
}

function RestoreNotes(props: { notes: string[] }): JSX.Element {
  return (
    <Show when={props.notes.length > 0}>
      <h4>Notes</h4>
      <ul data-testid="restore-notes">
        <For each={props.notes}>{(note) => <li>{note}</li>}</For>
      </ul>
    </Show>
  );
}
