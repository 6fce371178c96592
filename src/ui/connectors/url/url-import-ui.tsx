import { CONNECTOR_LABELS } from '../labels.ts';
import { Show, createEffect, createSignal, on, type JSX } from 'solid-js';
import type { UrlInspection } from '../../../contract/api/imports.ts';
import type { HeaderEntry, JsonLayout, UrlImportSettings } from '../../../contract/model.ts';
import { checkImportUrl, checkRequestHeaders, fileNameFromUrl } from '../../../domain/import-url.ts';
import { listPropertyDefinitions } from '../../../storage/queries.ts';
import { listConsentObjectives } from '../../../storage/import-queries.ts';
import { callWorker } from '../../bridge.ts';
import { CsvSettingsFields, type CsvOptions } from '../../components/CsvSettingsFields.tsx';
import { MappingEditor, draftFromMapping, mappingFromDraft, newPropertiesFromDraft, type MappingDraftRow } from '../../components/MappingEditor.tsx';
import { formatBytes } from '../../format.ts';
import { createLive } from '../../live.ts';
import { describeError } from '../../messages.ts';
import { InspectionSummary } from '../import/InspectionSummary.tsx';
import { firstMapping } from '../import/first-mapping.ts';
import { RequiredConsentField } from '../import/RequiredConsentField.tsx';
import { JsonSettingsFields } from '../json/JsonSettingsFields.tsx';
import type { ConnectorFormProps, ConnectorUi } from '../types.ts';
import { HeaderFields } from '../shared/HeaderFields.tsx';
import '../import/imports.css';

type FormatChoice = UrlImportSettings['format'] | 'auto';

interface ReadOptions extends CsvOptions {
  layout: JsonLayout | 'auto';
}

const DEFAULT_OPTIONS: ReadOptions = { encoding: 'utf-8', delimiter: 'auto', layout: 'auto', numberFormat: '1,234.5', emptyCellsClear: false };

function optionsOf(settings: UrlImportSettings): ReadOptions {
  const { encoding, delimiter, layout, numberFormat, emptyCellsClear } = settings;
  return { encoding, delimiter, layout, numberFormat, emptyCellsClear };
}

/**
 * Settings of a URL import: the address, request headers, how the response is read, the mapping of its
 * columns (loaded with one request, as a run makes it) and the required consent.
 */
function UrlImportForm(props: ConnectorFormProps): JSX.Element {
  const stored = (): UrlImportSettings | null => (props.connection?.settings.connector === 'url-import' ? props.connection.settings : null);
  const definitions = createLive(listPropertyDefinitions);
  const objectives = createLive(listConsentObjectives);
  const [url, setUrl] = createSignal(stored()?.url ?? '');
  const [isUrlTouched, setUrlTouched] = createSignal(false);
  const [requestHeaders, setRequestHeaders] = createSignal<HeaderEntry[]>(stored()?.requestHeaders ?? []);
  const [formatChoice, setFormatChoice] = createSignal<FormatChoice>(stored()?.format ?? 'auto');
  const [options, setOptions] = createSignal<ReadOptions>(stored() ? optionsOf(stored() as UrlImportSettings) : DEFAULT_OPTIONS);
  const [requiredConsent, setRequiredConsent] = createSignal<string | null>(stored()?.requiredConsent ?? null);
  const [rows, setRows] = createSignal<MappingDraftRow[]>(stored() ? draftFromMapping(stored()?.headers ?? [], stored()?.mapping ?? []) : []);
  const [inspection, setInspection] = createSignal<UrlInspection | null>(null);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [isLoading, setLoading] = createSignal(false);
  const urlCheck = (): ReturnType<typeof checkImportUrl> => checkImportUrl(url(), location.protocol);
  const headersError = (): string | null => checkRequestHeaders(requestHeaders());

  createEffect(
    on(
      () => stored(),
      (settings) => {
        if (!settings) return;
        setUrl(settings.url);
        setRequestHeaders(settings.requestHeaders);
        setFormatChoice(settings.format);
        setOptions(optionsOf(settings));
        setRequiredConsent(settings.requiredConsent);
        setRows(draftFromMapping(settings.headers, settings.mapping));
      },
      { defer: true },
    ),
  );

  const resolvedFormat = (): UrlImportSettings['format'] | null => {
    const choice = formatChoice();
    return inspection()?.format ?? (choice !== 'auto' ? choice : (stored()?.format ?? null));
  };

  const buildSettings = (): UrlImportSettings => {
    const chosenLayout = options().layout;
    return {
      connector: 'url-import',
      url: url().trim(),
      requestHeaders: requestHeaders().filter((header) => header.name.trim() !== '' || header.value !== ''),
      format: resolvedFormat() ?? 'csv',
      layout: inspection()?.layout ?? (chosenLayout !== 'auto' ? chosenLayout : (stored()?.layout ?? 'array')),
      delimiter: options().delimiter,
      encoding: options().encoding,
      numberFormat: options().numberFormat,
      emptyCellsClear: options().emptyCellsClear,
      mapping: mappingFromDraft(rows(), definitions() ?? []),
      headers: inspection()?.headers ?? stored()?.headers ?? [],
      requiredConsent: requiredConsent(),
    };
  };

  createEffect(() => {
    const settings = buildSettings();
    const previewError = inspection()?.problems.find((problem) => problem.level === 'error')?.message ?? null;
    let problem = urlCheck().error ?? headersError() ?? previewError;
    if (!problem && settings.headers.length === 0) problem = 'The columns are not loaded yet: select Load columns, then map them.';
    props.onDraft({ settings, file: null, fileName: null, newProperties: newPropertiesFromDraft(rows()), problem });
  });

  const loadColumns = async (): Promise<void> => {
    setUrlTouched(true);
    setLoadError(null);
    if (urlCheck().error || headersError()) return;
    setLoading(true);
    try {
      const { encoding, delimiter, layout } = options();
      const result = await callWorker('inspectUrl', { url: url().trim(), requestHeaders: buildSettings().requestHeaders, format: formatChoice(), encoding, delimiter, layout });
      setInspection(result);
      const current = mappingFromDraft(rows(), definitions() ?? []);
      setRows(current.length > 0 ? draftFromMapping(result.headers, current) : firstMapping(result, options().numberFormat));
      props.onSuggestName?.(fileNameFromUrl(url().trim()).replace(/\.[^.]+$/, ''));
    } catch (error) {
      setInspection(null);
      setLoadError(describeError(error));
    } finally {
      setLoading(false);
    }
  };

  const readMore = (found: UrlInspection): string => {
    const parts = [found.contentType ? `Content type ${found.contentType}.` : ''];
    if (!found.isComplete) parts.push(`Only the first ${formatBytes(found.size)} was read for this preview; runs read the whole response.`);
    return parts.filter(Boolean).join(' ');
  };

  return (
    <div class="connector-form">
      <label>
        File address (URL)
        <input
          type="text"
          inputmode="url"
          autocomplete="url"
          spellcheck={false}
          placeholder="https://example.com/customers.csv"
          value={url()}
          aria-invalid={isUrlTouched() && urlCheck().error ? 'true' : undefined}
          aria-describedby="url-message"
          onInput={(e) => setUrl(e.currentTarget.value)}
          onBlur={() => setUrlTouched(true)}
        />
      </label>
      <div id="url-message">
        <Show when={isUrlTouched() && urlCheck().error}>
          <p class="field-error" role="alert">
            {urlCheck().error}
          </p>
        </Show>
        <Show when={urlCheck().warning}>
          <p class="notice notice-warn" role="status">
            {urlCheck().warning}
          </p>
        </Show>
      </div>
      <HeaderFields value={requestHeaders()} onChange={setRequestHeaders} idPrefix="url-import" />
      <Show when={headersError()}>
        <p class="field-error" role="alert">
          {headersError()}
        </p>
      </Show>
      <fieldset class="fields">
        <legend>Format</legend>
        <label>
          Format of the file
          <select value={formatChoice()} onChange={(e) => setFormatChoice(e.currentTarget.value as FormatChoice)}>
            <option value="auto">Detect from the response</option>
            <option value="csv">CSV or TSV</option>
            <option value="json">JSON array or JSON lines</option>
          </select>
        </label>
      </fieldset>
      <Show when={resolvedFormat() === 'json'} fallback={<CsvSettingsFields value={options()} onChange={(value) => setOptions({ ...options(), ...value })} />}>
        <JsonSettingsFields value={options()} onChange={(value) => setOptions({ ...options(), ...value })} />
      </Show>
      <div class="actions">
        <button type="button" onClick={() => void loadColumns()} disabled={isLoading()}>
          {isLoading() ? 'Loading columns…' : 'Load columns'}
        </button>
      </div>
      <p class="hint">Load columns requests the address once, as a run does, and shows the columns of the response for the mapping.</p>
      <Show when={loadError()}>
        <p class="field-error" role="alert">
          {loadError()}
        </p>
      </Show>
      <Show when={inspection()}>{(found) => <InspectionSummary inspection={found()} extra={readMore(found())} />}</Show>
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

export const urlImportUi: ConnectorUi = {
  connector: 'url-import',
  direction: 'import',
  label: CONNECTOR_LABELS['url-import'],
  description: 'Download a CSV or JSON file with HTTP(S) GET at each run, with request headers such as Authorization.',
  isOffered: true,
  Form: UrlImportForm,
};
