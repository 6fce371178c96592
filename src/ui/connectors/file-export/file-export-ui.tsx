import { CONNECTOR_LABELS } from '../labels.ts';
import { For, Show, createEffect, createResource, createSignal, type JSX } from 'solid-js';
import type { FileExportSettings } from '../../../contract/model.ts';
import { exportFileName } from '../../../domain/export-format.ts';
import { getDirectoryHandle } from '../../../storage/export-queries.ts';
import { listPropertyDefinitions } from '../../../storage/queries.ts';
import { callWorker } from '../../bridge.ts';
import { useNow } from '../../clock.ts';
import { browserZone } from '../../browser-zone.ts';
import { createLive, useDb } from '../../live.ts';
import { describeError } from '../../messages.ts';
import { act, showToast } from '../../toast.tsx';
import { ExportSelectionFields } from '../shared/ExportSelectionFields.tsx';
import type { ConnectorFormProps, ConnectorUi } from '../types.ts';
import '../shared/export-forms.css';
import { canPickDirectory, pickDirectory, queryWritePermission, requestWritePermission } from './directory-access.ts';
import { downloadWhenDone } from './export-downloads.ts';

function defaultSettings(): FileExportSettings {
  return {
    connector: 'file-export',
    format: 'csv',
    destination: canPickDirectory() ? 'directory' : 'browser',
    directoryHandleId: null,
    directoryName: null,
    fileNamePrefix: 'profiles',
    propertyIds: [],
    exportAll: false,
    requiredConsent: null,
  };
}

function describeProblem(settings: FileExportSettings): string | null {
  if (settings.destination === 'directory' && !settings.directoryHandleId) return 'No folder is picked: pick the folder to write the files into, or keep the files in this browser.';
  if (settings.fileNamePrefix.length > 60) return 'The start of the file name is longer than 60 characters: shorten it.';
  return null;
}

/** Settings of a file export: format, destination, file name, columns and which profiles. */
function FileExportForm(props: ConnectorFormProps): JSX.Element {
  const initial = props.connection?.settings.connector === 'file-export' ? props.connection.settings : defaultSettings();
  const [settings, setSettings] = createSignal<FileExportSettings>(structuredClone(initial));
  const set = (change: Partial<FileExportSettings>): void => {
    setSettings({ ...settings(), ...change });
  };
  const now = useNow();

  createEffect(() => {
    const current = settings();
    props.onDraft({ settings: current, file: null, fileName: null, newProperties: [], problem: describeProblem(current) });
  });

  const preview = (): string => exportFileName(settings().fileNamePrefix, now(), browserZone(), settings().format);

  return (
    <div class="connector-form">
      <fieldset class="fields">
        <legend>File</legend>
        <div role="radiogroup" aria-label="File format" class="choice-row">
          <label class="choice">
            <input type="radio" name="export-format" checked={settings().format === 'csv'} onChange={() => set({ format: 'csv' })} />
            CSV (opens in spreadsheet software)
          </label>
          <label class="choice">
            <input type="radio" name="export-format" checked={settings().format === 'json'} onChange={() => set({ format: 'json' })} />
            JSON
          </label>
        </div>
        <div class="connector-field connector-field-wide">
          <label for="export-file-prefix">Start of the file name</label>
          <input id="export-file-prefix" value={settings().fileNamePrefix} maxLength={60} aria-describedby="export-file-prefix-hint" onInput={(e) => set({ fileNamePrefix: e.currentTarget.value })} />
          <span id="export-file-prefix-hint" class="hint">
            Each run writes a new file, such as {preview()}, named with the date and time the run started.
          </span>
        </div>
      </fieldset>
      <DestinationFields settings={settings()} onChange={set} isStored={props.connection !== null} />
      <PropertyChoice value={settings().propertyIds} onChange={(propertyIds) => set({ propertyIds })} />
      <ExportSelectionFields value={settings()} onChange={(selection) => set(selection)} />
      <Show when={props.connection && settings().destination === 'browser'}>
        <ExportNowButton connectionId={props.connection?.id ?? ''} />
      </Show>
    </div>
  );
}

function DestinationFields(props: { settings: FileExportSettings; onChange: (change: Partial<FileExportSettings>) => void; isStored: boolean }): JSX.Element {
  const [error, setError] = createSignal<string | null>(null);
  const [permission, { refetch }] = createResource(
    () => props.settings.directoryHandleId,
    async (id) => {
      const row = await getDirectoryHandle(useDb(), id);
      return row ? { row, state: await queryWritePermission(row.handle) } : null;
    },
  );
  const pick = async (): Promise<void> => {
    setError(null);
    try {
      const picked = await pickDirectory();
      if (picked) props.onChange({ destination: 'directory', directoryHandleId: picked.handleId, directoryName: picked.name });
    } catch (caught) {
      setError(describeError(caught));
    }
  };
  const allow = async (): Promise<void> => {
    const row = permission()?.row;
    if (!row) return;
    const state = await requestWritePermission(row.handle);
    await refetch();
    showToast(state === 'granted' ? `Runlane may write to "${row.name}" again.` : `Writing to "${row.name}" was not allowed; runs of this export fail until it is.`, state === 'granted' ? 'info' : 'error');
  };

  return (
    <fieldset class="fields">
      <legend>Where the files go</legend>
      <label class="choice">
        <input type="radio" name="export-destination" disabled={!canPickDirectory()} checked={props.settings.destination === 'directory'} onChange={() => props.onChange({ destination: 'directory' })} />
        Into a folder on this device
      </label>
      <Show when={!canPickDirectory()}>
        <p class="hint">This browser cannot write into folders, so the files are kept in the browser.</p>
      </Show>
      <Show when={props.settings.destination === 'directory'}>
        <div class="folder-row">
          <span>{props.settings.directoryName ? `Folder: ${props.settings.directoryName}` : 'No folder picked yet.'}</span>
          <button type="button" onClick={() => void pick()}>
            {props.settings.directoryName ? 'Pick another folder…' : 'Pick a folder…'}
          </button>
        </div>
        <Show when={props.isStored && permission()?.state !== undefined && permission()?.state !== 'granted'}>
          <p class="field-error">The browser no longer lets Runlane write to this folder, which it asks again after a restart.</p>
          <button type="button" onClick={() => act(allow)}>
            Allow writing to the folder
          </button>
        </Show>
      </Show>
      <label class="choice">
        <input type="radio" name="export-destination" checked={props.settings.destination === 'browser'} onChange={() => props.onChange({ destination: 'browser' })} />
        Kept in this browser, downloaded from the run history
      </label>
      <Show when={props.settings.destination === 'browser'}>
        <p class="hint">Each run's file gets a download button in the run history; the latest 20 files are kept.</p>
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
    </fieldset>
  );
}

function PropertyChoice(props: { value: string[]; onChange: (propertyIds: string[]) => void }): JSX.Element {
  const definitions = createLive(listPropertyDefinitions);
  const isEvery = (): boolean => props.value.length === 0;
  const toggle = (id: string, checked: boolean): void => {
    const ids = (definitions() ?? []).map((definition) => definition.id);
    const chosen = new Set(isEvery() ? ids : props.value);
    if (checked) chosen.add(id);
    else chosen.delete(id);
    const next = ids.filter((candidate) => chosen.has(candidate));
    props.onChange(next.length === ids.length ? [] : next);
  };
  return (
    <fieldset class="fields">
      <legend>Columns</legend>
      <p class="hint">The identifier always comes first; consent columns follow the properties.</p>
      <label class="checkbox">
        <input type="checkbox" checked={isEvery()} onChange={(e) => props.onChange(e.currentTarget.checked ? [] : (definitions() ?? []).map((definition) => definition.id))} />
        Every property, including ones added later
      </label>
      <Show when={!isEvery()}>
        <For each={definitions() ?? []}>
          {(definition) => (
            <label class="checkbox">
              <input type="checkbox" checked={props.value.includes(definition.id)} onChange={(e) => toggle(definition.id, e.currentTarget.checked)} />
              {definition.label} ({definition.id})
            </label>
          )}
        </For>
      </Show>
    </fieldset>
  );
}

/** Starts a run at the head of the queue and downloads its file in this tab when the run ends. */
function ExportNowButton(props: { connectionId: string }): JSX.Element {
  const exportNow = (): void =>
    act(async () => {
      const result = await callWorker('runNow', { id: props.connectionId });
      downloadWhenDone(result.runId);
      showToast(`Export queued at position ${result.position}; its file downloads here when the run ends. Save your settings first if you changed them.`);
    });
  return (
    <div class="actions">
      <button type="button" onClick={exportNow}>
        Export now and download
      </button>
    </div>
  );
}

export const fileExportUi: ConnectorUi = {
  connector: 'file-export',
  direction: 'export',
  label: CONNECTOR_LABELS['file-export'],
  description: 'Export profiles to a CSV or JSON file in a folder you pick, or keep the files in this browser for download.',
  isOffered: true,
  Form: FileExportForm,
};
