import { useNavigate } from '@solidjs/router';
import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { TIMES_PER_DAY_CHOICES, browserTimeZone } from '../../domain/schedule.ts';
import { describeTimesPerDayChoice } from '../schedule-preview.ts';
import { callWorker } from '../bridge.ts';
import { CONNECTOR_UIS } from '../connectors/registry.ts';
import type { ConnectorDraft } from '../connectors/types.ts';
import { describeError } from '../messages.ts';
import { showToast } from '../toast.tsx';


const DIRECTION_LABELS = { import: 'Import', export: 'Export', realtime: 'Real-time' } as const;

/** Creates a connection: its connector, the connector's settings, a schedule and the ON switch. */
export function NewConnectionPage(): JSX.Element {
  const navigate = useNavigate();
  const offered = CONNECTOR_UIS.filter((ui) => ui.isOffered);
  const [connector, setConnector] = createSignal(offered[0]?.connector ?? 'csv-file');
  const ui = createMemo(() => offered.find((entry) => entry.connector === connector()) ?? offered[0]);
  const [name, setName] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [draft, setDraft] = createSignal<ConnectorDraft | null>(null);
  const [nameError, setNameError] = createSignal<string | null>(null);
  const [formError, setFormError] = createSignal<string | null>(null);
  const [timesPerDay, setTimesPerDay] = createSignal(1);
  const [enabled, setEnabled] = createSignal(true);
  const [saving, setSaving] = createSignal(false);
  const isBatch = (): boolean => ui()?.direction !== 'realtime';

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setFormError(null);
    setNameError(name().trim() ? null : 'Name is missing: give the connection a name.');
    const current = draft();
    if (current?.problem) setFormError(current.problem);
    if (nameError() || !current || current.problem) return;
    setSaving(true);
    try {
      const connection = await callWorker('createConnection', {
        input: {
          name: name(),
          description: description(),
          settings: current.settings,
          schedule: isBatch() ? { kind: 'timesPerDay', timesPerDay: timesPerDay(), anchorTime: '00:00', timeZone: browserTimeZone() } : null,
          newProperties: current.newProperties,
        },
        file: current.file,
        fileName: current.fileName,
        enabled: enabled(),
      });
      showToast(enabled() ? `"${connection.name}" is ON${isBatch() ? '; its first run is queued' : ''}.` : `"${connection.name}" was saved and is OFF.`);
      navigate(`/connections/${connection.id}`);
    } catch (error) {
      setFormError(describeError(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <main class="page">
      <h1>New connection</h1>
      <form class="form" onSubmit={(e) => void save(e)} novalidate>
        <Show when={offered.length > 1}>
          <fieldset class="fields connector-choice">
            <legend>Connector</legend>
            <For each={offered}>
              {(entry) => (
                <label class="choice">
                  <input type="radio" name="connector" value={entry.connector} checked={connector() === entry.connector} onChange={() => setConnector(entry.connector)} />
                  <span>
                    <strong>
                      {entry.label} ({DIRECTION_LABELS[entry.direction]})
                    </strong>
                    <span class="hint"> {entry.description}</span>
                  </span>
                </label>
              )}
            </For>
          </fieldset>
        </Show>
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
        <Show when={ui()} keyed>
          {(current) => (
            <Dynamic
              component={current.Form}
              connection={null}
              onDraft={setDraft}
              onSuggestName={(suggested: string) => {
                if (!name()) setName(suggested);
              }}
            />
          )}
        </Show>
        <fieldset class="fields">
          <legend>{isBatch() ? 'Schedule' : 'Switch'}</legend>
          <Show when={isBatch()}>
            <label>
              Runs
              <select value={timesPerDay()} onChange={(e) => setTimesPerDay(Number(e.currentTarget.value))}>
                <For each={TIMES_PER_DAY_CHOICES}>
                  {(n) => (
                    <option value={n} selected={n === timesPerDay()}>
                      {describeTimesPerDayChoice(n)}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <p class="hint">
              Slots are anchored at the minute you switch the connection ON, in {browserTimeZone()}. Other kinds of schedule are set from the cogwheel in the
              run history.
            </p>
          </Show>
          <label class="checkbox">
            <input type="checkbox" role="switch" checked={enabled()} onChange={(e) => setEnabled(e.currentTarget.checked)} />
            {isBatch() ? 'ON: start the first run when saved' : 'ON: send each change as it happens'}
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
