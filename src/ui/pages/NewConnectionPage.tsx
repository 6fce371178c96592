import { useNavigate } from '@solidjs/router';
import { For, Show, createSignal, type JSX } from 'solid-js';
import type { CsvImportSettings } from '../../contract/model.ts';
import type { FileInspection } from '../../contract/worker-api.ts';
import { browserTimeZone } from '../../domain/schedule.ts';
import { listPropertyDefinitions } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { CsvSettingsFields, type CsvOptions } from '../components/CsvSettingsFields.tsx';
import { MappingEditor, draftForNewFile, mappingFromDraft, newPropertiesFromDraft, type MappingDraftRow } from '../components/MappingEditor.tsx';
import { createLive } from '../live.ts';
import { describeError } from '../messages.ts';
import { showToast } from '../toast.tsx';
import { formatBytes } from '../format.ts';

/** Divisors of 1440 from 1 to 96: the times per day that give evenly spaced slots. */
export const TIMES_PER_DAY_OPTIONS = Array.from({ length: 96 }, (_, i) => i + 1).filter((n) => 1440 % n === 0);

export function describeTimesPerDay(n: number): string {
  const minutes = 1440 / n;
  if (n === 1) return 'Once a day';
  return minutes % 60 === 0 ? `${n} times a day (every ${minutes / 60} h)` : `${n} times a day (every ${minutes} min)`;
}

/** Creates an import connection from a CSV file. */
export function NewConnectionPage(): JSX.Element {
  const navigate = useNavigate();
  const definitions = createLive(listPropertyDefinitions);
  const [name, setName] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [file, setFile] = createSignal<File | null>(null);
  const [inspection, setInspection] = createSignal<FileInspection | null>(null);
  const [fileError, setFileError] = createSignal<string | null>(null);
  const [nameError, setNameError] = createSignal<string | null>(null);
  const [formError, setFormError] = createSignal<string | null>(null);
  const [options, setOptions] = createSignal<CsvOptions>({ encoding: 'utf-8', delimiter: 'auto', numberFormat: '1,234.5', emptyCellsClear: false });
  const [rows, setRows] = createSignal<MappingDraftRow[]>([]);
  const [timesPerDay, setTimesPerDay] = createSignal(1);
  const [enabled, setEnabled] = createSignal(true);
  const [saving, setSaving] = createSignal(false);

  const inspect = async (picked: File | null): Promise<void> => {
    setFile(picked);
    setInspection(null);
    setFileError(null);
    setRows([]);
    if (!picked) return;
    try {
      const result = await callWorker('inspectFile', { file: picked, fileName: picked.name, encoding: options().encoding, delimiter: options().delimiter });
      setInspection(result);
      setRows(draftForNewFile(result.headers, result.suggestedMapping, result.sampleRows, options().numberFormat));
      if (!name()) setName(picked.name.replace(/\.[^.]+$/, ''));
    } catch (error) {
      setFileError(describeError(error));
    }
  };

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setFormError(null);
    setNameError(name().trim() ? null : 'Name is missing: give the connection a name.');
    if (!file()) setFileError('No file was picked: choose a CSV file to import.');
    if (nameError() || !file() || !inspection()) return;
    const defs = definitions() ?? [];
    const settings: CsvImportSettings = {
      connector: 'csv-file',
      fileName: file()?.name ?? null,
      ...options(),
      headers: inspection()?.headers ?? [],
      mapping: mappingFromDraft(rows(), defs),
    };
    setSaving(true);
    try {
      const connection = await callWorker('createConnection', {
        input: {
          name: name(),
          description: description(),
          settings,
          schedule: { kind: 'timesPerDay', timesPerDay: timesPerDay(), anchorTime: '00:00', timeZone: browserTimeZone() },
          newProperties: newPropertiesFromDraft(rows()),
        },
        file: file(),
        fileName: file()?.name ?? null,
        enabled: enabled(),
      });
      showToast(enabled() ? `"${connection.name}" is ON; its first run is queued.` : `"${connection.name}" was saved and is OFF.`);
      navigate(`/connections/${connection.id}`);
    } catch (error) {
      setFormError(describeError(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <main class="page">
      <h1>New import connection</h1>
      <form class="form" onSubmit={(e) => void save(e)} novalidate>
        <label>
          Name
          <input value={name()} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={nameError() ? 'true' : undefined} aria-describedby="name-error" />
        </label>
        <Show when={nameError()}>
          <p id="name-error" class="field-error">
            {nameError()}
          </p>
        </Show>
        <label>
          Description
          <textarea value={description()} onInput={(e) => setDescription(e.currentTarget.value)} rows={2} />
        </label>
        <CsvSettingsFields
          value={options()}
          onChange={(value) => {
            setOptions(value);
            void inspect(file());
          }}
        />
        <label>
          CSV file
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
            aria-invalid={fileError() ? 'true' : undefined}
            aria-describedby="file-error"
            onChange={(e) => void inspect(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <p class="hint">Runlane keeps a copy of the file in this browser, so scheduled runs read it again.</p>
        <Show when={fileError()}>
          <p id="file-error" class="field-error" role="alert">
            {fileError()}
          </p>
        </Show>
        <Show when={inspection()}>
          {(found) => (
            <>
              <p>
                {found().fileName}: {formatBytes(found().size)}, {found().headers.length} columns, delimiter {delimiterName(found().delimiter)}.
              </p>
              <MappingEditor rows={rows()} definitions={definitions() ?? []} sampleRows={found().sampleRows} onChange={setRows} />
            </>
          )}
        </Show>
        <fieldset class="fields">
          <legend>Schedule</legend>
          <label>
            Runs
            <select value={timesPerDay()} onChange={(e) => setTimesPerDay(Number(e.currentTarget.value))}>
              <For each={TIMES_PER_DAY_OPTIONS}>
                {(n) => (
                  <option value={n} selected={n === timesPerDay()}>
                    {describeTimesPerDay(n)}
                  </option>
                )}
              </For>
            </select>
          </label>
          <p class="hint">
            Slots are anchored at the minute you switch the connection ON, in {browserTimeZone()}. Other kinds of schedule are set from the cogwheel in the
            run history.
          </p>
          <label class="checkbox">
            <input type="checkbox" role="switch" checked={enabled()} onChange={(e) => setEnabled(e.currentTarget.checked)} />
            ON: start the first run when saved
          </label>
        </fieldset>
        <Show when={formError()}>
          <p class="field-error" role="alert">
            {formError()}
          </p>
        </Show>
        <div class="actions">
          <button type="submit" class="primary" disabled={saving()}>
            Save
          </button>
        </div>
      </form>
    </main>
  );
}

export function delimiterName(delimiter: string): string {
  if (delimiter === ',') return 'comma';
  if (delimiter === ';') return 'semicolon';
  if (delimiter === '\t') return 'tab';
  return delimiter;
}
