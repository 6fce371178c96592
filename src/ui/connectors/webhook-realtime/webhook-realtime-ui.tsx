import { CONNECTOR_LABELS } from '../labels.ts';
import { createEffect, createSignal, type JSX } from 'solid-js';
import type { RealtimeWebhookSettings } from '../../../contract/model.ts';
import { ConsentSelect } from '../shared/ConsentSelect.tsx';
import { HeaderFields } from '../shared/HeaderFields.tsx';
import { NumberField, describeNumberProblem } from '../shared/NumberField.tsx';
import { UrlField, describeUrlProblem } from '../shared/UrlField.tsx';
import type { ConnectorFormProps, ConnectorUi } from '../types.ts';
import '../shared/export-forms.css';

function defaultSettings(): RealtimeWebhookSettings {
  return { connector: 'webhook-realtime', url: '', headers: [], batchSize: 100, requiredConsent: null };
}

/** Settings of a real-time webhook: the receiver, its headers, the request size and the consent. */
function WebhookRealtimeForm(props: ConnectorFormProps): JSX.Element {
  const initial = props.connection?.settings.connector === 'webhook-realtime' ? props.connection.settings : defaultSettings();
  const [settings, setSettings] = createSignal<RealtimeWebhookSettings>(structuredClone(initial));
  const set = (change: Partial<RealtimeWebhookSettings>): void => {
    setSettings({ ...settings(), ...change });
  };

  createEffect(() => {
    const current = settings();
    const problem = describeUrlProblem(current.url) ?? describeNumberProblem('Changes per request', current.batchSize, 1, 1000);
    props.onDraft({ settings: current, file: null, fileName: null, newProperties: [], problem });
  });

  return (
    <div class="connector-form">
      <UrlField
        value={settings().url}
        onChange={(url) => set({ url })}
        hint="Changes are sent as POST requests with a JSON body of events, each with an event id, within about a second while the connection is ON and Runlane is open."
      />
      <NumberField label="Changes per request" value={settings().batchSize} min={1} max={1000} hint="Changes made at the same time are sent together, up to this many." onChange={(batchSize) => set({ batchSize })} />
      <HeaderFields idPrefix="webhook-realtime" value={settings().headers} onChange={(headers) => set({ headers })} />
      <ConsentSelect
        label="Required consent"
        hint="Changes to profiles that have not agreed to this objective are left out."
        value={settings().requiredConsent}
        onChange={(requiredConsent) => set({ requiredConsent })}
      />
    </div>
  );
}

export const webhookRealtimeUi: ConnectorUi = {
  connector: 'webhook-realtime',
  direction: 'realtime',
  label: CONNECTOR_LABELS['webhook-realtime'],
  description: 'Send each change to a profile to a URL within about a second, while the connection is ON.',
  isOffered: true,
  Form: WebhookRealtimeForm,
};
