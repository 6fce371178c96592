import { Show, createEffect, createSignal, on, type JSX } from 'solid-js';
import type { CsvImportSettings } from '../../../contract/model.ts';
import type { FileInspection } from '../../../contract/worker-api.ts';
import { getStoredFileInfo, listPropertyDefinitions } from '../../../storage/queries.ts';
import { callWorker } from '../../bridge.ts';
import { CsvSettingsFields, type CsvOptions } from '../../components/CsvSettingsFields.tsx';
import {
  MappingEditor,
  draftForNewFile,
  draftFromMapping,
  mappingFromDraft,
  newPropertiesFromDraft,
  type MappingDraftRow,
} from '../../components/MappingEditor.tsx';
import { formatBytes, formatDateTime } from '../../format.ts';
import { createLive, createLiveQuery } from '../../live.ts';
import { describeError } from '../../messages.ts';
import { showToast } from '../../toast.tsx';
import type { ConnectorFormProps, ConnectorUi } from '../types.ts';

const DEFAULT_OPTIONS: CsvOptions = { encoding: 'utf-8', delimiter: 'auto', numberFormat: '1,234.5', emptyCellsClear: false };

export function delimiterName(delimiter: string): string {
  if (delimiter === ',') return 'comma';
  if (delimiter === ';') return 'semicolon';
  if (delimiter === '\t') return 'tab';
  return delimiter;
}

function pickOptions(settings: CsvImportSettings): CsvOptions {
  return { encoding: settings.encoding, delimiter: settings.delimiter, numberFormat: settings.numberFormat, emptyCellsClear: settings.emptyCellsClear };
}

/**
 * Settings of a CSV file import: the file, how it is read, and the mapping. On the new-connection page
 * the file is required; on a stored connection a new file replaces the stored copy at once.
 */
function CsvFileForm(props: ConnectorFormProps): JSX.Element {
  const stored = (): CsvImportSettings | null => (props.connection?.settings.connector === 'csv-file' ? props.connection.settings : null);
  const definitions = createLive(listPropertyDefinitions);
  const fileInfo = createLiveQuery(() => props.connection?.id ?? '', (db, id) => (id ? getStoredFileInfo(db, id) : Promise.resolve(undefined)));
  const [options, setOptions] = createSignal<CsvOptions>(stored() ? pickOptions(stored() as CsvImportSettings) : DEFAULT_OPTIONS);
  const [rows, setRows] = createSignal<MappingDraftRow[]>(stored() ? draftFromMapping(stored()?.headers ?? [], stored()?.mapping ?? []) : []);
  const [file, setFile] = createSignal<File | null>(null);
  const [inspection, setInspection] = createSignal<FileInspection | null>(null);
  const [fileError, setFileError] = createSignal<string | null>(null);

  createEffect(
    on(
      () => stored(),
      (settings) => {
        if (!settings) return;
        setOptions(pickOptions(settings));
        setRows(draftFromMapping(settings.headers, settings.mapping));
      },
      { defer: true },
    ),
  );

  // Reports the draft whenever the options, the mapping or the file change.
  createEffect(() => {
    const headers = inspection()?.headers ?? stored()?.headers ?? [];
    const settings: CsvImportSettings = {
      connector: 'csv-file',
      fileName: file()?.name ?? stored()?.fileName ?? null,
      ...options(),
      headers,
      mapping: mappingFromDraft(rows(), definitions() ?? []),
    };
    const isNew = !props.connection;
    let problem: string | null = null;
    if (isNew && !file()) problem = 'No file was picked: choose a CSV file to import.';
    else if (fileError()) problem = fileError();
    props.onDraft({ settings, file: isNew ? file() : null, fileName: isNew ? (file()?.name ?? null) : null, newProperties: newPropertiesFromDraft(rows()), problem });
  });

  const inspect = async (picked: File | null): Promise<FileInspection | null> => {
    setFileError(null);
    if (!picked) return null;
    try {
      return await callWorker('inspectFile', { file: picked, fileName: picked.name, encoding: options().encoding, delimiter: options().delimiter });
    } catch (error) {
      setFileError(describeError(error));
      return null;
    }
  };

  const pickNewFile = async (picked: File | null): Promise<void> => {
    setFile(picked);
    setInspection(null);
    setRows([]);
    const result = await inspect(picked);
    if (!result || !picked) return;
    setInspection(result);
    setRows(draftForNewFile(result.headers, result.suggestedMapping, result.sampleRows, options().numberFormat));
    props.onSuggestName?.(picked.name.replace(/\.[^.]+$/, ''));
  };

  const replaceStoredFile = async (picked: File | undefined): Promise<void> => {
    setFileError(null);
    if (!picked || !props.connection) return;
    try {
      await callWorker('storeFile', { id: props.connection.id, file: picked, fileName: picked.name });
      showToast(`"${picked.name}" is stored; the next run reads it.`);
    } catch (error) {
      setFileError(describeError(error));
    }
  };

  return (
    <div class="connector-form">
      <Show when={props.connection}>
        <Show when={fileInfo()} fallback={<p class="field-error">No stored file: pick the CSV file again.</p>}>
          {(info) => (
            <p>
              Stored file: <strong>{info().name}</strong> ({formatBytes(info().size)}), stored {formatDateTime(info().storedAtMs)}.
            </p>
          )}
        </Show>
      </Show>
      <CsvSettingsFields
        value={options()}
        onChange={(value) => {
          setOptions(value);
          if (!props.connection && file()) void pickNewFile(file());
        }}
      />
      <label>
        {props.connection ? 'Replace the file' : 'CSV file'}
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
          aria-invalid={fileError() ? 'true' : undefined}
          aria-describedby="csv-file-error"
          onChange={(e) => {
            const picked = e.currentTarget.files?.[0] ?? null;
            if (props.connection) void replaceStoredFile(picked ?? undefined);
            else void pickNewFile(picked);
          }}
        />
      </label>
      <Show when={!props.connection}>
        <p class="hint">Runlane keeps a copy of the file in this browser, so scheduled runs read it again.</p>
      </Show>
      <Show when={fileError()}>
        <p id="csv-file-error" class="field-error" role="alert">
          {fileError()}
        </p>
      </Show>
      <Show when={inspection()}>
        {(found) => (
          <p>
            {found().fileName}: {formatBytes(found().size)}, {found().headers.length} columns, delimiter {delimiterName(found().delimiter)}.
          </p>
        )}
      </Show>
      <Show when={rows().length > 0}>
        <MappingEditor rows={rows()} definitions={definitions() ?? []} sampleRows={inspection()?.sampleRows} onChange={setRows} />
      </Show>
      <Show when={props.connection}>
        <p class="hint">Changing the mapping makes the next run evaluate every row again, including rows earlier runs applied.</p>
      </Show>
    </div>
  );
}

export const csvFileUi: ConnectorUi = {
  connector: 'csv-file',
  direction: 'import',
  label: 'CSV file',
  description: 'Import profiles from a CSV file; Runlane keeps a copy and reads it at each run.',
  isOffered: true,
  Form: CsvFileForm,
};
