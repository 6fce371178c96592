/**
 * Changing a property's type: the user picks the new type (and how text is read), checks the stored
 * values, reads how many fit with examples of those that do not, and confirms. The type changes only when
 * every stored value fits; the worker checks again when it changes.
 */
import { A } from '@solidjs/router';
import { For, Show, createSignal, onMount, type JSX } from 'solid-js';
import type { PropertyTypeChangeRequest, PropertyTypeCheck, PropertyTypeConflict } from '../../contract/api/profiles.ts';
import type { DateFormat, NumberFormat, PropertyDefinition, PropertyType } from '../../contract/model.ts';
import { toAppError } from '../../contract/errors.ts';
import { callWorker } from '../bridge.ts';
import { describeError } from '../messages.ts';
import { DATE_FORMATS, NUMBER_FORMATS, PROPERTY_TYPES, TYPE_LABELS, profilePath } from './profile-text.ts';

export function TypeChangePanel(props: { definition: PropertyDefinition; onClose: () => void; onChanged: (message: string) => void }): JSX.Element {
  const otherTypes = PROPERTY_TYPES.filter((type) => type !== props.definition.type);
  const [type, setType] = createSignal<PropertyType>(otherTypes[0]);
  const [numberFormat, setNumberFormat] = createSignal<NumberFormat>('1,234.5');
  const [dateFormat, setDateFormat] = createSignal<DateFormat>('YYYY-MM-DD');
  const [report, setReport] = createSignal<PropertyTypeCheck | null>(null);
  const [busy, setBusy] = createSignal<'checking' | 'changing' | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let heading: HTMLHeadingElement | undefined;
  onMount(() => {
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  });

  const request = (): PropertyTypeChangeRequest => ({ propertyId: props.definition.id, type: type(), numberFormat: numberFormat(), dateFormat: dateFormat() });
  // A report belongs to the settings it was made with.
  const changeSetting = (apply: () => void): void => {
    apply();
    setReport(null);
    setError(null);
  };

  const check = async (): Promise<void> => {
    setBusy('checking');
    try {
      setReport(await callWorker('checkPropertyTypeChange', request()));
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(null);
    }
  };

  const change = async (): Promise<void> => {
    setError(null);
    setBusy('changing');
    try {
      const result = await callWorker('changePropertyType', request());
      const converted = result.fittingCount.toLocaleString(navigator.language);
      props.onChanged(`"${props.definition.label}" is now of type ${TYPE_LABELS[result.toType].toLowerCase()}; ${converted} stored values were converted.`);
    } catch (caught) {
      setError(describeError(caught));
      setBusy(null);
      // Values changed since the check: show the new report.
      if (toAppError(caught)?.code === 'property-type-conflict') await check();
      return;
    }
  };

  return (
    <section class="panel type-change-panel" aria-labelledby="type-change-heading">
      <h2 id="type-change-heading" ref={heading} tabIndex={-1}>
        Change the type of {props.definition.label}
      </h2>
      <p>
        Its type is now {TYPE_LABELS[props.definition.type].toLowerCase()}. Every stored value is checked first; the type changes only when every value fits
        the new type, so that no value is lost.
      </p>
      <div class="fields type-change-fields">
        <label>
          New type
          <select value={type()} onChange={(event) => changeSetting(() => setType(event.currentTarget.value as PropertyType))}>
            <For each={otherTypes}>{(entry) => <option value={entry}>{TYPE_LABELS[entry]}</option>}</For>
          </select>
        </label>
        <Show when={type() === 'number'}>
          <label>
            Number format of text values
            <select value={numberFormat()} onChange={(event) => changeSetting(() => setNumberFormat(event.currentTarget.value as NumberFormat))}>
              <For each={NUMBER_FORMATS}>{(entry) => <option value={entry}>{entry}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={type() === 'date'}>
          <label>
            Date format of text values
            <select value={dateFormat()} onChange={(event) => changeSetting(() => setDateFormat(event.currentTarget.value as DateFormat))}>
              <For each={DATE_FORMATS}>{(entry) => <option value={entry}>{entry}</option>}</For>
            </select>
          </label>
        </Show>
      </div>
      <div class="actions">
        <button type="button" onClick={() => void check()} disabled={busy() !== null}>
          {busy() === 'checking' ? 'Checking values…' : 'Check existing values'}
        </button>
        <button type="button" onClick={() => props.onClose()}>
          Cancel
        </button>
      </div>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={report()}>
        {(current) => <TypeCheckReport report={current()} label={props.definition.label} busy={busy() !== null} onConfirm={() => void change()} />}
      </Show>
    </section>
  );
}

function TypeCheckReport(props: { report: PropertyTypeCheck; label: string; busy: boolean; onConfirm: () => void }): JSX.Element {
  const locale = navigator.language;
  const typeName = (): string => TYPE_LABELS[props.report.toType].toLowerCase();
  return (
    <div class="type-check-report" role="status" aria-label="Check of existing values">
      <p>
        Checked {props.report.profileCount.toLocaleString(locale)} profiles: {props.report.valueCount.toLocaleString(locale)} hold a value of “{props.label}”.
      </p>
      <Show
        when={props.report.conflictCount === 0}
        fallback={<ConflictReport report={props.report} typeName={typeName()} />}
      >
        <p class="check-ok">✔ Every value fits the type {typeName()}; {props.report.fittingCount.toLocaleString(locale)} values will be converted.</p>
        <Show when={props.report.connectionNames.length > 0}>
          <p>Connections that import this property read it as {typeName()} from their next run: {props.report.connectionNames.join(', ')}.</p>
        </Show>
        <button type="button" class="primary" disabled={props.busy} onClick={() => props.onConfirm()}>
          Change type to {typeName()}
        </button>
      </Show>
    </div>
  );
}

function ConflictReport(props: { report: PropertyTypeCheck; typeName: string }): JSX.Element {
  const locale = navigator.language;
  const count = (): string => props.report.conflictCount.toLocaleString(locale);
  return (
    <>
      <p class="check-conflict">
        ✖ {count()} {props.report.conflictCount === 1 ? 'value does' : 'values do'} not fit the type {props.typeName} (expected {props.report.expected}), so the
        type cannot change. {props.report.fittingCount.toLocaleString(locale)} values fit.
      </p>
      <p>{props.report.examples.length < props.report.conflictCount ? `The first ${props.report.examples.length}:` : 'They are:'}</p>
      <ul class="conflict-examples">
        <For each={props.report.examples}>{(example) => <ConflictExample example={example} />}</For>
      </ul>
      <p class="hint">
        Correct these values in the source file and import it again, or pick another format above, then check again. Nothing was changed.
      </p>
    </>
  );
}

function ConflictExample(props: { example: PropertyTypeConflict }): JSX.Element {
  const displayedValue = (): string => (typeof props.example.value === 'string' ? `“${props.example.value}”` : String(props.example.value));
  return (
    <li>
      <A href={profilePath(props.example.profileKey)}>{props.example.identifier}</A>: {displayedValue()}
    </li>
  );
}
