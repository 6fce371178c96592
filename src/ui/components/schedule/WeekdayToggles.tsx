import { For, type JSX } from 'solid-js';
import { weekdayNames } from '../../schedule-preview.ts';

/**
 * Renders a row of toggle buttons, one per weekday from Monday, that pick the ISO weekdays (1 = Monday)
 * of a daysOfWeek schedule. A chosen day shows a check mark and a filled bold button, so the state does
 * not rest on colour alone, and `aria-pressed` reports it to assistive technology. Each button is named
 * by its visible short weekday name, so that voice control matches what it shows. The full name is its
 * title.
 */
export function WeekdayToggles(props: {
  id: string;
  labelId: string;
  days: readonly number[];
  locale: string;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (days: number[]) => void;
}): JSX.Element {
  const longNames = (): string[] => weekdayNames(props.locale, 'long');
  const shortNames = (): string[] => weekdayNames(props.locale, 'short');
  const toggle = (isoWeekday: number): void => {
    const chosen = props.days.includes(isoWeekday);
    const next = chosen ? props.days.filter((day) => day !== isoWeekday) : [...props.days, isoWeekday];
    props.onChange(next.sort((a, b) => a - b));
  };

  return (
    <div
      id={props.id}
      class="weekday-toggles"
      role="group"
      aria-labelledby={props.labelId}
      aria-invalid={props.invalid ? 'true' : undefined}
      aria-describedby={props.describedBy}
    >
      <For each={longNames()}>
        {(longName, index) => {
          const isoWeekday = (): number => index() + 1;
          const pressed = (): boolean => props.days.includes(isoWeekday());
          return (
            <button
              type="button"
              class="weekday-toggle"
              aria-pressed={pressed() ? 'true' : 'false'}
              title={longName}
              onClick={() => toggle(isoWeekday())}
            >
              <span class="toggle-mark" aria-hidden="true">
                {pressed() ? '✓' : ''}
              </span>
              {shortNames()[index()]}
            </button>
          );
        }}
      </For>
    </div>
  );
}
