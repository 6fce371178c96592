import type { JSX } from 'solid-js';
import { NumberField, describeNumberProblem } from './NumberField.tsx';

/** The settings both demo systems share. Shares are whole percentages; the run duration is in seconds. */
export interface DemoCommonValues {
  seed: number;
  badValuePercent: number;
  noConsentPercent: number;
  runDurationMs: number;
  failurePercent: number;
}

export function DemoCommonFields(props: {
  value: DemoCommonValues;
  onChange: (change: Partial<DemoCommonValues>) => void;
  labels: { badValue: string; badValueHint: string; noConsent: string; noConsentHint: string; failureHint: string };
}): JSX.Element {
  return (
    <>
      <NumberField label="Seed" value={props.value.seed} min={0} max={2_147_483_647} hint="The same seed gives the same data and the same counters, run after run." onChange={(seed) => props.onChange({ seed })} />
      <NumberField label={props.labels.badValue} unit="%" value={props.value.badValuePercent} min={0} max={100} hint={props.labels.badValueHint} onChange={(badValuePercent) => props.onChange({ badValuePercent })} />
      <NumberField label={props.labels.noConsent} unit="%" value={props.value.noConsentPercent} min={0} max={100} hint={props.labels.noConsentHint} onChange={(noConsentPercent) => props.onChange({ noConsentPercent })} />
      <NumberField
        label="Run duration"
        unit="s"
        value={Math.round(props.value.runDurationMs / 1000)}
        min={0}
        max={86_400}
        hint="Spread over the run's batches, so a demonstration shows progress."
        onChange={(seconds) => props.onChange({ runDurationMs: seconds * 1000 })}
      />
      <NumberField label="Chance of a failure" unit="%" value={props.value.failurePercent} min={0} max={100} hint={props.labels.failureHint} onChange={(failurePercent) => props.onChange({ failurePercent })} />
    </>
  );
}

/** Returns the first problem of the shared settings, in the user's words, or null. */
export function describeDemoProblem(value: DemoCommonValues, labels: { badValue: string; noConsent: string }): string | null {
  return (
    describeNumberProblem('Seed', value.seed, 0, 2_147_483_647) ??
    describeNumberProblem(labels.badValue, value.badValuePercent, 0, 100) ??
    describeNumberProblem(labels.noConsent, value.noConsentPercent, 0, 100) ??
    describeNumberProblem('Run duration', value.runDurationMs / 1000, 0, 86_400) ??
    describeNumberProblem('Chance of a failure', value.failurePercent, 0, 100)
  );
}
