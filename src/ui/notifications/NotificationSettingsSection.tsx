/**
 * Notification settings of a batch connection: the recipients of browser notifications, ready emails and
 * a webhook, and one setting for when all channels notify, with an optional daily digest.
 */
import { For, Show, createSignal, type JSX } from 'solid-js';
import type { Connection, HeaderEntry, NotificationSettings } from '../../contract/model.ts';
import { normaliseNotificationSettings, parseEmailList, validateNotificationSettings, type NotificationSettingsProblem } from '../../domain/notification-validate.ts';
import { callWorker } from '../bridge.ts';
import { browserZone } from '../browser-zone.ts';
import { describeError } from '../messages.ts';
import { showToast } from '../toast.tsx';
import { browserPermission, requestBrowserPermission } from './browser-notifications.ts';

const WHEN_LABELS: Record<NotificationSettings['when'], string> = {
  never: 'Never',
  'every-run': 'After every run',
  failures: 'Only when a run fails, and once when the connection recovers',
};

/** Describes the saved settings in one line. */
function summarise(settings: NotificationSettings): string {
  if (settings.when === 'never') return 'Off: nobody is told about runs.';
  const channels = ['the notification center'];
  if (settings.browser) channels.push('a browser notification');
  if (settings.emails.length > 0) channels.push(`an email to ${settings.emails.join(', ')}`);
  if (settings.webhook) channels.push(`a webhook to ${new URL(settings.webhook.url).host}`);
  const timing = settings.digest.enabled ? `One daily digest at ${settings.digest.atTime}` : WHEN_LABELS[settings.when];
  return `${timing}: ${channels.join(', ')}.`;
}

function PermissionStatus(): JSX.Element {
  const text = (): string => {
    switch (browserPermission()) {
      case 'granted':
        return 'This browser may show notifications from Runlane.';
      case 'denied':
        return 'Notifications are blocked for this site. To allow them, open the site settings (the icon left of the address), set Notifications to Allow, then reload the page.';
      case 'unsupported':
        return 'This browser cannot show notifications. Use the email or the webhook instead.';
      default:
        return 'The browser asks for permission when you turn this on.';
    }
  };
  return (
    <p id="notify-browser-status" class="hint" classList={{ 'permission-problem': browserPermission() === 'denied' || browserPermission() === 'unsupported' }} role="status">
      {text()}
    </p>
  );
}

function FieldError(props: { id: string; message: string | undefined }): JSX.Element {
  return (
    <Show when={props.message}>
      <p id={props.id} class="field-error">
        {props.message}
      </p>
    </Show>
  );
}

/** Renders the section on a connection's page: a summary, and a form to change the settings. */
export function NotificationSettingsSection(props: { connection: Connection }): JSX.Element {
  const [editing, setEditing] = createSignal(false);
  return (
    <Show when={props.connection.direction !== 'realtime'}>
      <section class="notification-settings" aria-labelledby="notification-settings-heading">
        <div class="notification-settings-header">
          <h2 id="notification-settings-heading">Notifications</h2>
          <Show when={!editing()}>
            <button type="button" onClick={() => setEditing(true)}>
              Change notifications
            </button>
          </Show>
        </div>
        <p class="notification-summary" data-testid="notification-summary">
          {summarise(props.connection.notifications)}
        </p>
        <Show when={editing()}>
          <NotificationSettingsForm connection={props.connection} onDone={() => setEditing(false)} />
        </Show>
      </section>
    </Show>
  );
}

function NotificationSettingsForm(props: { connection: Connection; onDone: () => void }): JSX.Element {
  const saved = props.connection.notifications;
  const [when, setWhen] = createSignal(saved.when);
  const [browser, setBrowser] = createSignal(saved.browser);
  const [emailsText, setEmailsText] = createSignal(saved.emails.join(', '));
  const [webhookOn, setWebhookOn] = createSignal(saved.webhook !== null);
  const [url, setUrl] = createSignal(saved.webhook?.url ?? '');
  const [headers, setHeaders] = createSignal<HeaderEntry[]>(saved.webhook?.headers.map((header) => ({ ...header })) ?? []);
  const [fallback, setFallback] = createSignal(saved.webhook?.allowNoCorsFallback ?? false);
  const [digestOn, setDigestOn] = createSignal(saved.digest.enabled);
  const [digestTime, setDigestTime] = createSignal(saved.digest.atTime);
  const [problems, setProblems] = createSignal<NotificationSettingsProblem[]>([]);
  const [saveError, setSaveError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);

  const problemOf = (field: string): string | undefined => problems().find((problem) => problem.field === field)?.message;
  const invalid = (field: string): boolean => problemOf(field) !== undefined;
  const describedBy = (field: string, hintId?: string): string | undefined => [invalid(field) ? `notify-error-${field}` : '', hintId ?? ''].filter(Boolean).join(' ') || undefined;

  const draft = (): NotificationSettings => ({
    when: when(),
    browser: browser(),
    emails: parseEmailList(emailsText()),
    webhook: webhookOn() ? { url: url(), headers: headers(), allowNoCorsFallback: fallback() } : null,
    digest: { enabled: digestOn(), atTime: digestTime() },
  });

  const toggleBrowser = async (checked: boolean): Promise<void> => {
    setBrowser(checked);
    if (checked) await requestBrowserPermission();
  };
  const updateHeader = (index: number, change: Partial<HeaderEntry>): void => {
    setHeaders((list) => list.map((header, i) => (i === index ? { ...header, ...change } : header)));
  };

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setSaveError(null);
    const settings = normaliseNotificationSettings(draft());
    const found = validateNotificationSettings(settings);
    setProblems(found);
    if (found.length > 0) {
      const first = document.getElementById(`notify-${found[0]?.field.replace(/\./g, '-')}`);
      first?.focus();
      return;
    }
    setSaving(true);
    try {
      await callWorker('saveNotificationSettings', { id: props.connection.id, settings });
      showToast('Notification settings saved.');
      props.onDone();
    } catch (caught) {
      setSaveError(describeError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="form notification-form" onSubmit={(event) => void save(event)} novalidate>
      <fieldset class="notification-fieldset">
        <legend>When to notify</legend>
        <For each={Object.entries(WHEN_LABELS) as [NotificationSettings['when'], string][]}>
          {([value, label]) => (
            <label class="checkbox">
              <input type="radio" name="notify-when" value={value} checked={when() === value} onChange={() => setWhen(value)} />
              {label}
            </label>
          )}
        </For>
        <p class="hint">A failure is a run that fails (a time-out included) or is interrupted. Stopped and cancelled runs notify nobody.</p>
      </fieldset>

      <fieldset class="notification-fieldset" disabled={when() === 'never'}>
        <legend>How</legend>
        <p class="hint">Every notification is listed in the notification center (the Notifications button at the top).</p>
        <label class="checkbox">
          <input type="checkbox" checked={browser()} aria-describedby="notify-browser-status" onChange={(event) => void toggleBrowser(event.currentTarget.checked)} />
          Browser notification
        </label>
        <PermissionStatus />

        <label for="notify-emails">Email recipients</label>
        <input
          id="notify-emails"
          type="text"
          inputMode="email"
          autocomplete="off"
          placeholder="ops@example.com, crm-team@example.com"
          value={emailsText()}
          aria-invalid={invalid('emails')}
          aria-describedby={describedBy('emails', 'notify-emails-hint')}
          onInput={(event) => setEmailsText(event.currentTarget.value)}
        />
        <FieldError id="notify-error-emails" message={problemOf('emails')} />
        <p id="notify-emails-hint" class="hint">
          Separate addresses with commas. Each notification becomes a ready email in the notification center: one click opens your mail program with everything filled in.
        </p>

        <label class="checkbox">
          <input type="checkbox" checked={webhookOn()} onChange={(event) => setWebhookOn(event.currentTarget.checked)} />
          Send a webhook
        </label>
        <Show when={webhookOn()}>
          <WebhookFields
            url={url()}
            onUrl={setUrl}
            headers={headers()}
            onHeader={updateHeader}
            onAddHeader={() => setHeaders((list) => [...list, { name: '', value: '' }])}
            onRemoveHeader={(index) => setHeaders((list) => list.filter((_, i) => i !== index))}
            fallback={fallback()}
            onFallback={setFallback}
            problemOf={problemOf}
            describedBy={describedBy}
          />
        </Show>
      </fieldset>

      <fieldset class="notification-fieldset" disabled={when() === 'never'}>
        <legend>Daily digest</legend>
        <label class="checkbox">
          <input type="checkbox" checked={digestOn()} onChange={(event) => setDigestOn(event.currentTarget.checked)} />
          Send one daily digest instead of one message per run
        </label>
        <Show when={digestOn()}>
          <label for="notify-digestTime">Digest time</label>
          <input
            id="notify-digestTime"
            type="time"
            class="digest-time"
            value={digestTime()}
            aria-invalid={invalid('digestTime')}
            aria-describedby={describedBy('digestTime', 'notify-digest-hint')}
            onInput={(event) => setDigestTime(event.currentTarget.value)}
          />
          <FieldError id="notify-error-digestTime" message={problemOf('digestTime')} />
          <p id="notify-digest-hint" class="hint">
            In this browser's time zone ({browserZone()}). A digest that falls due while Runlane is closed is sent when it next opens, marked late.
          </p>
        </Show>
      </fieldset>

      <Show when={saveError()}>
        <p class="field-error" role="alert">
          {saveError()}
        </p>
      </Show>
      <Show when={problems().length > 0}>
        <p class="field-error" role="alert">
          {problems().length === 1 ? 'One setting needs a change' : `${problems().length} settings need a change`} before they can be saved; see the messages above.
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="primary" disabled={saving()}>
          Save notifications
        </button>
        <button type="button" onClick={() => props.onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface WebhookFieldsProps {
  url: string;
  onUrl(value: string): void;
  headers: HeaderEntry[];
  onHeader(index: number, change: Partial<HeaderEntry>): void;
  onAddHeader(): void;
  onRemoveHeader(index: number): void;
  fallback: boolean;
  onFallback(value: boolean): void;
  problemOf(field: string): string | undefined;
  describedBy(field: string, hintId?: string): string | undefined;
}

function WebhookFields(props: WebhookFieldsProps): JSX.Element {
  return (
    <div class="webhook-fields">
      <label for="notify-webhookUrl">Webhook URL</label>
      <input
        id="notify-webhookUrl"
        type="url"
        autocomplete="off"
        placeholder="https://example.com/hooks/runlane"
        value={props.url}
        aria-invalid={props.problemOf('webhookUrl') !== undefined}
        aria-describedby={props.describedBy('webhookUrl', 'notify-webhook-hint')}
        onInput={(event) => props.onUrl(event.currentTarget.value)}
      />
      <FieldError id="notify-error-webhookUrl" message={props.problemOf('webhookUrl')} />
      <p id="notify-webhook-hint" class="hint">
        Runlane POSTs a JSON summary of the run (application/json). The browser first asks the receiver's permission (CORS), so the receiver must allow this site. Failed deliveries are retried 3 times, after 30 s, 2 min and 10 min, and written to the run's log.
      </p>
      <FieldError id="notify-error-webhookHeaders" message={props.problemOf('webhookHeaders')} />
      <For each={props.headers}>
        {(header, index) => (
          <div class="header-row" role="group" aria-label={`Header ${index() + 1}`}>
            <label>
              Header name
              <input
                id={`notify-webhookHeaders-${index()}-name`}
                autocomplete="off"
                placeholder="Authorization"
                value={header.name}
                aria-invalid={props.problemOf(`webhookHeaders.${index()}.name`) !== undefined}
                aria-describedby={props.describedBy(`webhookHeaders.${index()}.name`)}
                onInput={(event) => props.onHeader(index(), { name: event.currentTarget.value })}
              />
            </label>
            <label>
              Header value (secret)
              <input
                id={`notify-webhookHeaders-${index()}-value`}
                type="password"
                autocomplete="off"
                value={header.value}
                aria-invalid={props.problemOf(`webhookHeaders.${index()}.value`) !== undefined}
                aria-describedby={props.describedBy(`webhookHeaders.${index()}.value`)}
                onInput={(event) => props.onHeader(index(), { value: event.currentTarget.value })}
              />
            </label>
            <button type="button" onClick={() => props.onRemoveHeader(index())}>
              Remove header {index() + 1}
            </button>
            <FieldError id={`notify-error-webhookHeaders.${index()}.name`} message={props.problemOf(`webhookHeaders.${index()}.name`)} />
            <FieldError id={`notify-error-webhookHeaders.${index()}.value`} message={props.problemOf(`webhookHeaders.${index()}.value`)} />
          </div>
        )}
      </For>
      <div class="actions">
        <button type="button" onClick={() => props.onAddHeader()}>
          Add header
        </button>
      </div>
      <p class="hint">Header values are secrets: they are shown masked and never written to a log.</p>
      <label class="checkbox">
        <input
          id="notify-webhookFallback"
          type="checkbox"
          checked={props.fallback}
          aria-invalid={props.problemOf('webhookFallback') !== undefined}
          aria-describedby={props.describedBy('webhookFallback', 'notify-fallback-hint')}
          onChange={(event) => props.onFallback(event.currentTarget.checked)}
        />
        Send without CORS when the receiver refuses CORS
      </label>
      <FieldError id="notify-error-webhookFallback" message={props.problemOf('webhookFallback')} />
      <p id="notify-fallback-hint" class="hint">
        Only for a webhook without headers. The browser then sends the summary without asking: it arrives as text/plain without headers, and its answer cannot be read, so
        it is recorded as "sent, response unreadable" and never retried.
      </p>
    </div>
  );
}
