import { CONNECTOR_LABELS } from '../labels.ts';
import { createEffect, createSignal, type JSX } from 'solid-js';
import type { DemoAdsSettings } from '../../../contract/model.ts';
import { DemoCommonFields, describeDemoProblem } from '../shared/DemoFields.tsx';
import { ExportSelectionFields } from '../shared/ExportSelectionFields.tsx';
import { NumberField, describeNumberProblem } from '../shared/NumberField.tsx';
import type { ConnectorFormProps, ConnectorUi } from '../types.ts';
import '../shared/export-forms.css';

const LABELS = {
  badValue: 'Share of invalid profiles',
  badValueHint: 'Profiles the platform rejects as invalid; they count as Failed.',
  noConsent: 'Share on the opt-out list',
  noConsentHint: "Profiles on the platform's own opt-out list; they are left out and counted as Blocked by consent.",
  failureHint: 'Chance that an attempt meets an outage halfway; the next attempt resumes after the delivered batches.',
};

function defaultSettings(): DemoAdsSettings {
  return { connector: 'demo-ads', seed: 42, batchSize: 100, badValuePercent: 3, noConsentPercent: 5, runDurationMs: 10_000, failurePercent: 0, exportAll: false, requiredConsent: null };
}

/** Settings of the demo ad platform: batch size, how often it refuses profiles, and how often it fails. */
function DemoAdsForm(props: ConnectorFormProps): JSX.Element {
  const initial = props.connection?.settings.connector === 'demo-ads' ? props.connection.settings : defaultSettings();
  const [settings, setSettings] = createSignal<DemoAdsSettings>(structuredClone(initial));
  const set = (change: Partial<DemoAdsSettings>): void => {
    setSettings({ ...settings(), ...change });
  };

  createEffect(() => {
    const current = settings();
    const problem = describeNumberProblem('Profiles per batch', current.batchSize, 1, 1000) ?? describeDemoProblem(current, LABELS);
    props.onDraft({ settings: current, file: null, fileName: null, newProperties: [], problem });
  });

  return (
    <div class="connector-form">
      <p class="hint">
        A simulated ad platform, standing in for a Facebook Custom Audiences connection, for demonstrations and training. Nothing leaves this browser: the run's counters and
        log show what the platform did.
      </p>
      <fieldset class="fields">
        <legend>Demo platform</legend>
        <NumberField label="Profiles per batch" value={settings().batchSize} min={1} max={1000} onChange={(batchSize) => set({ batchSize })} />
        <DemoCommonFields value={settings()} labels={LABELS} onChange={set} />
      </fieldset>
      <ExportSelectionFields value={settings()} onChange={(selection) => set(selection)} />
    </div>
  );
}

export const demoAdsUi: ConnectorUi = {
  connector: 'demo-ads',
  direction: 'export',
  label: CONNECTOR_LABELS['demo-ads'],
  description: 'A simulated ad platform (demo system) that receives exported profiles with no network, for demonstrations and training.',
  isOffered: true,
  Form: DemoAdsForm,
};
