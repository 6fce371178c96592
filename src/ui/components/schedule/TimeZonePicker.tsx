import { For, Show, createMemo, type JSX } from 'solid-js';
import { canonicalTimeZone } from '../../../domain/schedule.ts';
import { formatUtcOffset, timeZoneChoices } from '../../schedule-preview.ts';

/**
 * Renders a text field with a list of IANA time zones to filter and pick from. It offers every zone the
 * browser supports under its current name. A hint shows the name that a typed legacy or lower-case name
 * is saved as and the zone's current UTC offset, and a button picks the browser's zone.
 */
export function TimeZonePicker(props: {
  id: string;
  value: string;
  browserZone: string;
  nowMs: number;
  invalid: boolean;
  describedBy: string | undefined;
  onInput: (value: string) => void;
  onCommit: () => void;
}): JSX.Element {
  const listId = `${props.id}-choices`;
  const hintId = `${props.id}-hint`;
  const choices = createMemo(() => timeZoneChoices([props.browserZone]));
  const canonical = (): string | null => canonicalTimeZone(props.value.trim());
  const describedBy = (): string => [hintId, props.describedBy].filter(Boolean).join(' ');

  return (
    <div class="time-zone-picker">
      <label for={props.id}>Time zone</label>
      <div class="time-zone-row">
        <input
          id={props.id}
          type="text"
          list={listId}
          autocomplete="off"
          spellcheck={false}
          value={props.value}
          aria-invalid={props.invalid ? 'true' : undefined}
          aria-describedby={describedBy()}
          onInput={(event) => props.onInput(event.currentTarget.value)}
          onChange={() => props.onCommit()}
        />
        <Show when={canonical() !== props.browserZone}>
          <button
            type="button"
            onClick={() => {
              props.onInput(props.browserZone);
              props.onCommit();
            }}
          >
            Use {props.browserZone}
          </button>
        </Show>
      </div>
      <datalist id={listId}>
        <For each={choices()}>{(zone) => <option value={zone} />}</For>
      </datalist>
      <p id={hintId} class="hint">
        <Show when={canonical()} fallback="Type to filter, for example Kolkata or New_York.">
          {(name) => (
            <>
              {name() !== props.value.trim() ? `Saved as ${name()}, ` : `${name()}, `}
              now {formatUtcOffset(name(), props.nowMs)}
              {name() === props.browserZone ? ' (this browser’s time zone)' : ''}.
            </>
          )}
        </Show>
      </p>
    </div>
  );
}
