import { CONNECTOR_LABELS } from '../labels.ts';
import { createEffect, createSignal, type JSX } from 'solid-js';
import type { DemoCrmSettings } from '../../../contract/model.ts';
import { DEMO_CONSENT_OBJECTIVE } from '../../../domain/demo-crm-data.ts';
import { DemoCommonFields, describeDemoProblem } from '../shared/DemoFields.tsx';
import { NumberField, describeNumberProblem } from '../shared/NumberField.tsx';
import type { ConnectorFormProps, ConnectorUi } from '../types.ts';
import '../shared/export-forms.css';

const LABELS = {
  badValue: 'Share of bad values',
  badValueHint: 'Records with text in a number, an impossible date or an unknown yes/no value; they count as Failed.',
  noConsent: 'Share without consent',
  noConsentHint: 'Customers who have not agreed to email marketing.',
  failureHint: 'Chance that an attempt times out halfway; the run then tries again after a wait.',
};

function defaultSettings(): DemoCrmSettings {
  return { connector: 'demo-crm', seed: 42, profileCount: 1000, changedPercent: 10, badValuePercent: 2, noConsentPercent: 15, runDurationMs: 10_000, failurePercent: 0, requiredConsent: null };
}

/** Settings of the demo CRM: how much data it has, how it changes and how often it goes wrong. */
function DemoCrmForm(props: ConnectorFormProps): JSX.Element {
  const initial = props.connection?.settings.connector === 'demo-crm' ? props.connection.settings : defaultSettings();
  const [settings, setSettings] = createSignal<DemoCrmSettings>(structuredClone(initial));
  const set = (change: Partial<DemoCrmSettings>): void => {
    setSettings({ ...settings(), ...change });
  };

  createEffect(() => {
    const current = settings();
    const problem =
      describeNumberProblem('Number of profiles', current.profileCount, 0, 1_000_000) ??
      describeNumberProblem('Share changed between runs', current.changedPercent, 0, 100) ??
      describeDemoProblem(current, LABELS);
    props.onDraft({ settings: current, file: null, fileName: null, newProperties: [], problem });
  });

  return (
    <div class="connector-form">
      <p class="hint">
        A simulated CRM, standing in for a Salesforce connection, for demonstrations and training. It works with no network; its records go through the same import rules
        as a file. Its first run adds the properties it needs and the consent objective "{DEMO_CONSENT_OBJECTIVE.label}".
      </p>
      <fieldset class="fields">
        <legend>Demo data</legend>
        <NumberField label="Number of profiles" value={settings().profileCount} min={0} max={1_000_000} onChange={(profileCount) => set({ profileCount })} />
        <NumberField
          label="Share changed between runs"
          unit="%"
          value={settings().changedPercent}
          min={0}
          max={100}
          hint="Records that change from one run to the next; the others are Skipped."
          onChange={(changedPercent) => set({ changedPercent })}
        />
        <DemoCommonFields value={settings()} labels={LABELS} onChange={set} />
        <label class="checkbox">
          <input
            type="checkbox"
            checked={settings().requiredConsent === DEMO_CONSENT_OBJECTIVE.id}
            onChange={(e) => set({ requiredConsent: e.currentTarget.checked ? DEMO_CONSENT_OBJECTIVE.id : null })}
          />
          Import only customers who agreed to email marketing (the others count as Blocked by consent)
        </label>
      </fieldset>
    </div>
  );
}

export const demoCrmUi: ConnectorUi = {
  connector: 'demo-crm',
  direction: 'import',
  label: CONNECTOR_LABELS['demo-crm'],
  description: 'A simulated CRM (demo system) that imports generated customers with no network, for demonstrations and training.',
  isOffered: true,
  Form: DemoCrmForm,
};
