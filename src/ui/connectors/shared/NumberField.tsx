import { Show, createUniqueId, type JSX } from 'solid-js';

/** Renders a labelled whole-number input; `unit` follows the label, for example "%" or "s". */
export function NumberField(props: { label: string; value: number; min: number; max: number; unit?: string; hint?: string; onChange: (value: number) => void }): JSX.Element {
  const id = createUniqueId();
  return (
    <div class="connector-field">
      <label for={id}>
        {props.label}
        {props.unit ? ` (${props.unit})` : ''}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={1}
        value={Number.isFinite(props.value) ? props.value : ''}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(e) => props.onChange(e.currentTarget.value === '' ? Number.NaN : Number(e.currentTarget.value))}
      />
      <Show when={props.hint}>
        <span id={`${id}-hint`} class="hint">
          {props.hint}
        </span>
      </Show>
    </div>
  );
}

/** Returns a message when `value` is not a whole number from `min` to `max`, else null. */
export function describeNumberProblem(label: string, value: number, min: number, max: number): string | null {
  if (!Number.isInteger(value) || value < min || value > max) return `${label} must be a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}.`;
  return null;
}
