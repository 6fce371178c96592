import { For, Show, createSignal, type JSX } from 'solid-js';
import type { HeaderEntry } from '../../../contract/model.ts';

/**
 * Renders the request headers, such as Authorization. Values are secrets, so they are masked until the
 * user presses "Show value" on one of them.
 */
export function HeaderFields(props: { value: HeaderEntry[]; onChange: (headers: HeaderEntry[]) => void; idPrefix: string }): JSX.Element {
  const update = (index: number, change: Partial<HeaderEntry>): void => props.onChange(props.value.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));
  const remove = (index: number): void => props.onChange(props.value.filter((_, i) => i !== index));
  return (
    <fieldset class="fields header-fields">
      <legend>Request headers</legend>
      <p class="hint">Optional, for example Authorization. Values are kept in this browser, hidden on screen and never written to a log.</p>
      <For each={props.value}>
        {(entry, index) => <HeaderRow entry={entry} number={index() + 1} idPrefix={props.idPrefix} onChange={(change) => update(index(), change)} onRemove={() => remove(index())} />}
      </For>
      <div class="actions">
        <button type="button" onClick={() => props.onChange([...props.value, { name: '', value: '' }])}>
          Add a header
        </button>
      </div>
    </fieldset>
  );
}

function HeaderRow(props: { entry: HeaderEntry; number: number; idPrefix: string; onChange: (change: Partial<HeaderEntry>) => void; onRemove: () => void }): JSX.Element {
  const [isShown, setShown] = createSignal(false);
  return (
    <div class="header-row">
      <label>
        Name of header {props.number}
        <input value={props.entry.name} autocomplete="off" spellcheck={false} onInput={(e) => props.onChange({ name: e.currentTarget.value })} />
      </label>
      <label>
        Value of header {props.number}
        <input
          id={`${props.idPrefix}-header-value-${props.number}`}
          type={isShown() ? 'text' : 'password'}
          value={props.entry.value}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => props.onChange({ value: e.currentTarget.value })}
        />
      </label>
      <div class="actions">
        <button type="button" aria-pressed={isShown()} aria-controls={`${props.idPrefix}-header-value-${props.number}`} onClick={() => setShown(!isShown())}>
          <Show when={isShown()} fallback="Show value">
            Hide value
          </Show>
        </button>
        <button type="button" aria-label={`Remove header ${props.number}`} onClick={() => props.onRemove()}>
          Remove
        </button>
      </div>
    </div>
  );
}
