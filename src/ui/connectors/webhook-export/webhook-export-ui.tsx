import { CONNECTOR_LABELS } from '../labels.ts';
import { createEffect, createSignal, type JSX } from 'solid-js';
import type { WebhookExportSettings } from '../../../contract/model.ts';
import { ExportSelectionFields } from '../shared/ExportSelectionFields.tsx';
import { HeaderFields } from '../shared/HeaderFields.tsx';
import { NumberField, describeNumberProblem } from '../shared/NumberField.tsx';
import { UrlField, describeUrlProblem } from '../shared/UrlField.tsx';
import type { ConnectorFormProps, ConnectorUi } from '../types.ts';
import '../shared/export-forms.css';

function defaultSettings(): WebhookExportSettings {
  return { connector: 'webhook-export', url: '', headers: [], batchSize: 100, exportAll: false, requiredConsent: null };
}

/** Settings of a webhook export: the receiver, its headers, the batch size and which profiles. */
function WebhookExportForm(props: ConnectorFormProps): JSX.Element {
  const initial = props.connection?.settings.connector === 'webhook-export' ? props.connection.settings : defaultSettings();
  const [settings, setSettings] = createSignal<WebhookExportSettings>(structuredClone(initial));
  const set = (change: Partial<WebhookExportSettings>): void => {
    setSettings({ ...settings(), ...change });
  };

  createEffect(() => {
    const current = settings();
    const problem = describeUrlProblem(current.url) ?? describeNumberProblem('Profiles per request', current.batchSize, 1, 1000);
    props.onDraft({ settings: current, file: null, fileName: null, newProperties: [], problem });
  });

  return (
    <div class="connector-form">
      <UrlField value={settings().url} onChange={(url) => set({ url })} hint="Each batch is sent as one POST request with a JSON body. The receiver must allow this page's origin (CORS)." />
      <NumberField label="Profiles per request" value={settings().batchSize} min={1} max={1000} hint="From 1 to 1,000." onChange={(batchSize) => set({ batchSize })} />
      <HeaderFields idPrefix="webhook-export" value={settings().headers} onChange={(headers) => set({ headers })} />
      <ExportSelectionFields value={settings()} onChange={(selection) => set(selection)} />
    </div>
  );
}

export const webhookExportUi: ConnectorUi = {
  connector: 'webhook-export',
  direction: 'export',
  label: CONNECTOR_LABELS['webhook-export'],
  description: 'Send profiles as JSON to a URL in batches, on a schedule. Failed requests are retried.',
  isOffered: true,
  Form: WebhookExportForm,
};
