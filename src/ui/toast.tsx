/** Short messages after an action ("Run #4 queued at position 2"), read out by screen readers. */
import { For, createSignal, type JSX } from 'solid-js';
import { describeError } from './messages.ts';

interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

const [toasts, setToasts] = createSignal<Toast[]>([]);
let nextId = 1;

export function showToast(text: string, kind: Toast['kind'] = 'info'): void {
  const id = nextId++;
  setToasts((list) => [...list, { id, text, kind }]);
  setTimeout(() => dismissToast(id), kind === 'error' ? 15_000 : 6_000);
}

export function showError(error: unknown): void {
  showToast(describeError(error), 'error');
}

function dismissToast(id: number): void {
  setToasts((list) => list.filter((toast) => toast.id !== id));
}

/** Runs an action and shows its failure as an error toast. */
export function act(action: () => Promise<unknown>): void {
  action().catch(showError);
}

export function Toasts(): JSX.Element {
  return (
    <div class="toasts" role="status" aria-live="polite">
      <For each={toasts()}>
        {(toast) => (
          <div class={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : undefined}>
            <span>{toast.text}</span>
            <button type="button" aria-label="Dismiss message" onClick={() => dismissToast(toast.id)}>
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
