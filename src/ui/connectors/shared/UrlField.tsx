import { createUniqueId, type JSX } from 'solid-js';

/** Renders the receiver URL input with its hint. */
export function UrlField(props: { value: string; onChange: (url: string) => void; hint: string }): JSX.Element {
  const id = createUniqueId();
  return (
    <div class="connector-field connector-field-wide">
      <label for={id}>Receiver URL</label>
      <input
        id={id}
        type="url"
        inputMode="url"
        autocomplete="off"
        spellcheck={false}
        placeholder="https://example.com/hooks/profiles"
        value={props.value}
        aria-describedby={`${id}-hint`}
        onInput={(e) => props.onChange(e.currentTarget.value)}
      />
      <span id={`${id}-hint`} class="hint">
        {props.hint}
      </span>
    </div>
  );
}

/** Returns what is wrong with a receiver URL in the user's words, or null. The worker checks it again on save. */
export function describeUrlProblem(url: string): string | null {
  const trimmed = url.trim();
  if (!trimmed) return 'The receiver URL is missing: enter the address that receives the profiles, starting with https://.';
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `The receiver URL starts with "${parsed.protocol}": use an https:// (or http://) address.`;
  } catch {
    return `"${trimmed}" is not a valid URL: enter a full address such as https://example.com/hooks/profiles.`;
  }
  return null;
}
