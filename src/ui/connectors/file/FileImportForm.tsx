import { Show, createEffect, createSignal, on, type JSX } from 'solid-js';
import type { ImportInspection } from '../../../contract/api/imports.ts';
import type { CsvImportSettings, FileSource, JsonFileImportSettings, JsonLayout } from '../../../contract/model.ts';
import { getStoredFileInfo, listPropertyDefinitions } from '../../../storage/queries.ts';
import { listConsentObjectives } from '../../../storage/import-queries.ts';
import { callWorker } from '../../bridge.ts';
import { CsvSettingsFields, type CsvOptions } from '../../components/CsvSettingsFields.tsx';
import { MappingEditor, draftFromMapping, mappingFromDraft, newPropertiesFromDraft, type MappingDraftRow } from '../../components/MappingEditor.tsx';
import { formatBytes, formatDateTime } from '../../format.ts';
import { createLive, createLiveQuery } from '../../live.ts';
import { describeError } from '../../messages.ts';
import { showToast } from '../../toast.tsx';
import { InspectionSummary } from '../import/InspectionSummary.tsx';
import { firstMapping } from '../import/first-mapping.ts';
import { RequiredConsentField } from '../import/RequiredConsentField.tsx';
import { JsonSettingsFields } from '../json/JsonSettingsFields.tsx';
import type { ConnectorFormProps } from '../types.ts';
import { LinkedFileStatus } from './LinkedFileStatus.tsx';
import { pickFileHandle, supportsFileLinks } from './file-access.ts';
import '../import/imports.css';

type FileFormat = 'csv' | 'json';
type FileSettings = CsvImportSettings | JsonFileImportSettings;

/** Read options of both formats; each form shows the ones of its format. */
interface ReadOptions extends CsvOptions {
  layout: JsonLayout | 'auto';
}

const DEFAULT_OPTIONS: ReadOptions = { encoding: 'utf-8', delimiter: 'auto', layout: 'auto', numberFormat: '1,234.5', emptyCellsClear: false };
const FORMAT_NAMES: Record<FileFormat, string> = { csv: 'CSV', json: 'JSON' };
const FILE_ACCEPT: Record<FileFormat, string> = {
  csv: '.csv,.tsv,.txt,text/csv,text/tab-separated-values',
  json: '.json,.jsonl,.ndjson,application/json,application/x-ndjson',
};

interface PickedFile {
  file: File;
  /** Set when the file was linked rather than picked for a copy. */
  handle: FileSystemFileHandle | null;
}

function connectorOf(format: FileFormat): FileSettings['connector'] {
  return format === 'csv' ? 'csv-file' : 'json-file';
}

function optionsOf(settings: FileSettings): ReadOptions {
  const common = { encoding: settings.encoding, numberFormat: settings.numberFormat, emptyCellsClear: settings.emptyCellsClear };
  return settings.connector === 'csv-file' ? { ...common, delimiter: settings.delimiter, layout: 'auto' } : { ...common, delimiter: 'auto', layout: settings.layout };
}

/**
 * Settings of a CSV or JSON file import: where each run reads the file (a stored copy or the linked file
 * on the device), how it is read, the mapping and the required consent. On a stored connection a newly
 * picked or linked file replaces the current one at once.
 */
export function FileImportForm(props: ConnectorFormProps & { format: FileFormat }): JSX.Element {
  const stored = (): FileSettings | null => (props.connection?.settings.connector === connectorOf(props.format) ? (props.connection.settings as FileSettings) : null);
  const name = FORMAT_NAMES[props.format];
  const definitions = createLive(listPropertyDefinitions);
  const objectives = createLive(listConsentObjectives);
  const [options, setOptions] = createSignal<ReadOptions>(stored() ? optionsOf(stored() as FileSettings) : DEFAULT_OPTIONS);
  const [source, setSource] = createSignal<FileSource>(stored()?.source ?? 'stored');
  const [requiredConsent, setRequiredConsent] = createSignal<string | null>(stored()?.requiredConsent ?? null);
  const [rows, setRows] = createSignal<MappingDraftRow[]>(stored() ? draftFromMapping(stored()?.headers ?? [], stored()?.mapping ?? []) : []);
  const [picked, setPicked] = createSignal<PickedFile | null>(null);
  const [inspection, setInspection] = createSignal<ImportInspection | null>(null);
  const [fileError, setFileError] = createSignal<string | null>(null);
  const isNew = (): boolean => !props.connection;

  createEffect(
    on(
      () => stored(),
      (settings) => {
        if (!settings) return;
        setOptions(optionsOf(settings));
        setSource(settings.source ?? 'stored');
        setRequiredConsent(settings.requiredConsent ?? null);
        setRows(draftFromMapping(settings.headers, settings.mapping));
      },
      { defer: true },
    ),
  );

  const buildSettings = (): FileSettings => {
    const headers = inspection()?.headers ?? stored()?.headers ?? [];
    const common = {
      fileName: picked()?.file.name ?? stored()?.fileName ?? null,
      source: source(),
      encoding: options().encoding,
      numberFormat: options().numberFormat,
      emptyCellsClear: options().emptyCellsClear,
      headers,
      mapping: mappingFromDraft(rows(), definitions() ?? []),
      requiredConsent: requiredConsent(),
    };
    if (props.format === 'csv') return { connector: 'csv-file', ...common, delimiter: options().delimiter };
    const chosen = options().layout;
    const layout: JsonLayout = inspection()?.layout ?? (chosen !== 'auto' ? chosen : ((stored() as JsonFileImportSettings | null)?.layout ?? 'array'));
    return { connector: 'json-file', ...common, layout };
  };

  // Reports the draft whenever the options, the mapping, the consent or the file change.
  createEffect(() => {
    const settings = buildSettings();
    const current = picked();
    const previewError = inspection()?.problems.find((problem) => problem.level === 'error')?.message ?? null;
    let problem: string | null = null;
    if (isNew() && !current) problem = source() === 'linked' ? `No file was linked: choose the ${name} file on this device.` : `No file was picked: choose a ${name} file to import.`;
    else problem = fileError() ?? previewError;
    let file: Blob | FileSystemFileHandle | null = null;
    if (isNew() && current) file = source() === 'linked' ? current.handle : current.file;
    props.onDraft({ settings, file, fileName: isNew() ? (current?.file.name ?? null) : null, newProperties: newPropertiesFromDraft(rows()), problem });
  });

  const inspect = async (file: File): Promise<ImportInspection | null> => {
    setFileError(null);
    try {
      const { encoding, delimiter, layout } = options();
      return await callWorker('inspectImportFile', { file, fileName: file.name, format: props.format, encoding, delimiter, layout });
    } catch (error) {
      setFileError(describeError(error));
      return null;
    }
  };

  const pickNewFile = async (next: PickedFile | null): Promise<void> => {
    setPicked(next);
    setInspection(null);
    setRows([]);
    if (!next) return;
    const result = await inspect(next.file);
    if (!result) return;
    setInspection(result);
    setRows(firstMapping(result, options().numberFormat));
    props.onSuggestName?.(next.file.name.replace(/\.[^.]+$/, ''));
  };

  const replaceStoredFile = async (file: File | undefined): Promise<void> => {
    setFileError(null);
    if (!file || !props.connection) return;
    try {
      await callWorker('storeImportFile', { id: props.connection.id, file, fileName: file.name });
      showToast(`"${file.name}" is stored; the next run reads it.`);
    } catch (error) {
      setFileError(describeError(error));
    }
  };

  const linkFile = async (): Promise<void> => {
    setFileError(null);
    try {
      const handle = await pickFileHandle(props.format);
      if (!handle) return;
      if (!props.connection) {
        await pickNewFile({ file: await handle.getFile(), handle });
        return;
      }
      await callWorker('linkImportFile', { id: props.connection.id, handle });
      showToast(`"${handle.name}" is linked; each run reads its current contents.`);
    } catch (error) {
      setFileError(describeError(error));
    }
  };

  return (
    <div class="connector-form">
      <SourceChoice format={props.format} value={source()} isNew={isNew()} onChange={(value) => {
        setSource(value);
        if (isNew()) void pickNewFile(null);
      }} />
      <Show when={props.connection}>
        {(connection) => (
          <Show when={source() === (stored()?.source ?? 'stored')} fallback={<p class="hint">{source() === 'linked' ? `Choose the ${name} file on this device to switch; the stored copy is then deleted.` : `Pick the ${name} file to keep a copy of it instead of the link.`}</p>}>
            <Show when={source() === 'linked'} fallback={<StoredFileLine connectionId={connection().id} format={props.format} />}>
              <LinkedFileStatus connectionId={connection().id} />
            </Show>
          </Show>
        )}
      </Show>
      <Show when={props.format === 'csv'} fallback={<JsonSettingsFields value={options()} onChange={(value) => {
        setOptions({ ...options(), ...value });
        const current = picked();
        if (isNew() && current) void pickNewFile(current);
      }} />}>
        <CsvSettingsFields value={options()} onChange={(value) => {
          setOptions({ ...options(), ...value });
          const current = picked();
          if (isNew() && current) void pickNewFile(current);
        }} />
      </Show>
      <Show
        when={source() === 'linked'}
        fallback={
          <label>
            {isNew() ? `${name} file` : 'Replace the file'}
            <input
              type="file"
              accept={FILE_ACCEPT[props.format]}
              aria-invalid={fileError() ? 'true' : undefined}
              aria-describedby="import-file-error"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0] ?? null;
                if (props.connection) void replaceStoredFile(file ?? undefined);
                else void pickNewFile(file ? { file, handle: null } : null);
              }}
            />
          </label>
        }
      >
        <div class="actions">
          <button type="button" onClick={() => void linkFile()}>
            {isNew() || stored()?.source !== 'linked' ? `Choose the ${name} file on this device…` : 'Link another file…'}
          </button>
        </div>
        <Show when={picked()?.handle}>{(handle) => <p>Linked file: <strong>{handle().name}</strong>. Each run reads its current contents.</p>}</Show>
      </Show>
      <Show when={isNew() && source() === 'stored'}>
        <p class="hint">Runlane keeps a copy of the file in this browser, so scheduled runs read it again.</p>
      </Show>
      <Show when={fileError()}>
        <p id="import-file-error" class="field-error" role="alert">
          {fileError()}
        </p>
      </Show>
      <Show when={inspection()}>{(found) => <InspectionSummary inspection={found()} />}</Show>
      <Show when={rows().length > 0}>
        <div class="table-scroll">
          <MappingEditor rows={rows()} definitions={definitions() ?? []} sampleRows={inspection()?.sampleRows} consentObjectives={objectives() ?? []} onChange={setRows} />
        </div>
      </Show>
      <RequiredConsentField value={requiredConsent()} objectives={objectives() ?? []} onChange={setRequiredConsent} />
      <Show when={props.connection}>
        <p class="hint">Changing the mapping makes the next run evaluate every row again, including rows earlier runs applied.</p>
      </Show>
    </div>
  );
}

function SourceChoice(props: { format: FileFormat; value: FileSource; isNew: boolean; onChange: (value: FileSource) => void }): JSX.Element {
  const isSupported = supportsFileLinks();
  return (
    <fieldset class="fields source-choice">
      <legend>Where each run reads the file</legend>
      <label class="choice">
        <input type="radio" name="file-source" value="stored" checked={props.value === 'stored'} onChange={() => props.onChange('stored')} />
        <span>
          Keep a copy in this browser
          <span class="hint"> Each run reads the copy; pick the file again to update it.</span>
        </span>
      </label>
      <label class="choice">
        <input type="radio" name="file-source" value="linked" checked={props.value === 'linked'} disabled={!isSupported} onChange={() => props.onChange('linked')} />
        <span>
          Read the file on this device at each run
          <span class="hint">
            {isSupported
              ? ' Runlane keeps a link, not a copy. After Runlane was closed, the browser may ask you to allow access again.'
              : ' Needs a browser that can link files, such as Chrome or Edge on a computer.'}
          </span>
        </span>
      </label>
    </fieldset>
  );
}

function StoredFileLine(props: { connectionId: string; format: FileFormat }): JSX.Element {
  const info = createLiveQuery(() => props.connectionId, getStoredFileInfo);
  return (
    <Show when={info()} fallback={<p class="field-error">No stored file: pick the {FORMAT_NAMES[props.format]} file again.</p>}>
      {(file) => (
        <p>
          Stored file: <strong>{file().name}</strong> ({formatBytes(file().size)}), stored {formatDateTime(file().storedAtMs)}.
        </p>
      )}
    </Show>
  );
}
