/**
 * The profile store: every profile in identifier order, a search by the start of the identifier (a key
 * range that follows imports once a second), and a bounded search for text in identifiers and property
 * values (a scan, on request).
 */
import { A } from '@solidjs/router';
import { Show, createEffect, createMemo, createSignal, on, onCleanup, type Accessor, type JSX } from 'solid-js';
import type { Profile, PropertyDefinition } from '../../contract/model.ts';
import { countProfilesByPrefix, listProfilesByPrefix, listPropertyDefinitionsByLabel, scanProfilesForText } from '../../storage/profile-queries.ts';
import { createLive, useDb } from '../live.ts';
import { showError } from '../toast.tsx';
import { MAX_LISTED_PROFILES, ProfileList } from './ProfileList.tsx';
import { countProfiles } from './profile-text.ts';
import { createThrottledTableQuery } from './throttled-query.ts';

type SearchMode = 'identifier' | 'text';

/** Rows loaded per query; the list loads the pages that cover the rows in view. */
const PAGE_ROWS = 100;
/** Profiles one step of a text search reads, and matches after which it stops early. */
const TEXT_SCAN_PROFILES = 20_000;
const TEXT_SCAN_MATCHES = 1_000;
const SEARCH_DELAY_MS = 250;
/** Counts and rows follow an import that is writing profiles once a second. */
const REFRESH_OPTIONS = { minIntervalMs: 1_000, onError: showError };

export function ProfilesPage(): JSX.Element {
  const [mode, setMode] = createSignal<SearchMode>('identifier');
  const [input, setInput] = createSignal('');
  const search = createDebounced(input, SEARCH_DELAY_MS);
  const total = createThrottledTableQuery(() => '', 'profiles', countProfilesByPrefix, REFRESH_OPTIONS);
  const definitions = createLive(listPropertyDefinitionsByLabel);

  return (
    <main class="page profiles-page">
      <div class="page-header">
        <h1>Profiles</h1>
        <A class="button" href="/settings/properties">
          Property definitions
        </A>
      </div>
      <Show when={total() !== undefined} fallback={<p>Loading…</p>}>
        <Show when={(total() ?? 0) > 0} fallback={<EmptyStore />}>
          <form class="toolbar" role="search" aria-label="Profiles" onSubmit={(event) => event.preventDefault()}>
            <label>
              Search in{' '}
              <select value={mode()} onChange={(event) => setMode(event.currentTarget.value as SearchMode)}>
                <option value="identifier">Identifiers (starts with)</option>
                <option value="text">Identifiers and property values (contains)</option>
              </select>
            </label>
            <label>
              Search profiles{' '}
              <input type="search" value={input()} placeholder={mode() === 'identifier' ? 'ada@' : 'Paris'} onInput={(event) => setInput(event.currentTarget.value)} />
            </label>
          </form>
          <Show when={mode() === 'text' && search().trim() !== ''} fallback={<PrefixResults prefix={mode() === 'identifier' ? search() : ''} total={total() ?? 0} definitions={definitions() ?? []} />}>
            <TextResults text={search()} total={total() ?? 0} definitions={definitions() ?? []} />
          </Show>
        </Show>
      </Show>
    </main>
  );
}

function EmptyStore(): JSX.Element {
  return (
    <div class="empty-state">
      <h2>No profiles yet</h2>
      <p>No profiles yet: run an import connection. Its first run adds the customers of its file here, one profile per identifier.</p>
      <div class="actions empty-state-actions">
        <A class="button primary" href="/connections/new">
          New connection
        </A>
        <A class="button" href="/">
          Go to the connections
        </A>
      </div>
    </div>
  );
}

/** `source` once it has not changed for `delayMs`, so a search runs when typing pauses. */
function createDebounced(source: Accessor<string>, delayMs: number): Accessor<string> {
  const [value, setValue] = createSignal(source());
  createEffect(
    on(source, (current) => {
      const timer = setTimeout(() => setValue(current), delayMs);
      onCleanup(() => clearTimeout(timer));
    }),
  );
  return value;
}

// ---------------------------------------------------------------------------------------------------
// Identifier prefix

interface PageWindow {
  prefix: string;
  start: number;
  end: number;
}

function PrefixResults(props: { prefix: string; total: number; definitions: PropertyDefinition[] }): JSX.Element {
  const count = createThrottledTableQuery(() => props.prefix, 'profiles', countProfilesByPrefix, REFRESH_OPTIONS);
  // A new prefix remounts the list, so it starts at the top with nothing loaded.
  const listKey = createMemo(() => ({ prefix: props.prefix }));
  const quoted = (): string => `“${props.prefix.trim()}”`;

  return (
    <Show when={count() !== undefined}>
      <p class="result-count" role="status">
        <Show when={props.prefix.trim() !== ''} fallback={countProfiles(count() ?? 0)}>
          {`${countProfiles(count() ?? 0)} of ${props.total.toLocaleString(navigator.language)} with an identifier that starts with ${quoted()}`}
        </Show>
        <Show when={(count() ?? 0) > MAX_LISTED_PROFILES}>{` The list shows the first ${MAX_LISTED_PROFILES.toLocaleString(navigator.language)}; type the start of an identifier to reach the others.`}</Show>
      </p>
      <Show
        when={(count() ?? 0) > 0}
        fallback={<p class="empty-state">No profile has an identifier that starts with {quoted()}. Case does not matter; type the first characters, such as “ada@”.</p>}
      >
        <Show when={listKey()} keyed>
          {(key) => <PagedProfileList prefix={key.prefix} count={count() ?? 0} definitions={props.definitions} />}
        </Show>
      </Show>
    </Show>
  );
}

function PagedProfileList(props: { prefix: string; count: number; definitions: PropertyDefinition[] }): JSX.Element {
  const [range, setRange] = createSignal({ start: 0, end: PAGE_ROWS }, { equals: (a, b) => a.start === b.start && a.end === b.end });
  const pageWindow = createMemo<PageWindow>(() => ({ prefix: props.prefix, ...range() }));
  const page = createThrottledTableQuery(
    pageWindow,
    'profiles',
    async (db, current) => ({
      ...current,
      profiles: await listProfilesByPrefix(db, current.prefix, current.start, current.end - current.start),
    }),
    REFRESH_OPTIONS,
  );

  const rowAt = (index: number): Profile | undefined => {
    const loaded = page();
    if (!loaded || index < loaded.start) return undefined;
    return loaded.profiles[index - loaded.start];
  };
  const onVisibleRange = (first: number, last: number): void => {
    setRange({ start: Math.floor(first / PAGE_ROWS) * PAGE_ROWS, end: (Math.floor(last / PAGE_ROWS) + 1) * PAGE_ROWS });
  };
  const label = (): string => (props.prefix.trim() ? `Profiles whose identifier starts with ${props.prefix.trim()}` : 'Profiles');

  return <ProfileList label={label()} count={props.count} rowAt={rowAt} definitions={props.definitions} onVisibleRange={onVisibleRange} />;
}

// ---------------------------------------------------------------------------------------------------
// Text in values

interface TextSearchState {
  text: string;
  matches: Profile[];
  scannedCount: number;
  lastKey: string | null;
  isComplete: boolean;
}

function TextResults(props: { text: string; total: number; definitions: PropertyDefinition[] }): JSX.Element {
  const [state, setState] = createSignal<TextSearchState | null>(null);
  const [searching, setSearching] = createSignal(false);

  const scanNext = async (text: string, previous: TextSearchState | null): Promise<void> => {
    setSearching(true);
    try {
      const result = await scanProfilesForText(useDb(), {
        text,
        afterKey: previous?.lastKey ?? null,
        maxScanned: TEXT_SCAN_PROFILES,
        maxMatches: TEXT_SCAN_MATCHES,
      });
      // A newer search may have started while this one read.
      if (props.text !== text) return;
      setState({
        text,
        matches: [...(previous?.matches ?? []), ...result.matches],
        scannedCount: (previous?.scannedCount ?? 0) + result.scannedCount,
        lastKey: result.lastKey ?? previous?.lastKey ?? null,
        isComplete: result.isComplete,
      });
    } catch (error) {
      showError(error);
    } finally {
      setSearching(false);
    }
  };

  createEffect(
    on(
      () => props.text,
      (text) => {
        setState(null);
        void scanNext(text, null);
      },
    ),
  );

  return (
    <>
      <Show when={state()} fallback={<p class="result-count" role="status">Searching…</p>}>
        {(current) => (
          <>
            <p class="result-count" role="status">
              {describeTextResult(current(), props.total)}
            </p>
            <Show when={!current().isComplete}>
              <p>
                <button type="button" disabled={searching()} onClick={() => void scanNext(current().text, current())}>
                  {searching() ? 'Searching…' : `Search the next ${TEXT_SCAN_PROFILES.toLocaleString(navigator.language)} profiles`}
                </button>
              </p>
            </Show>
            <Show when={current().matches.length > 0}>
              <ProfileList
                label={`Profiles that contain ${current().text.trim()}`}
                count={current().matches.length}
                rowAt={(index) => current().matches[index]}
                definitions={props.definitions}
              />
            </Show>
          </>
        )}
      </Show>
    </>
  );
}

function describeTextResult(state: TextSearchState, total: number): string {
  const locale = navigator.language;
  const found = `${countProfiles(state.matches.length)} ${state.matches.length === 1 ? 'contains' : 'contain'} “${state.text.trim()}” in the identifier or a property value`;
  if (state.isComplete) return `${found}, among all ${total.toLocaleString(locale)} profiles.`;
  return `${found}, among the first ${state.scannedCount.toLocaleString(locale)} of ${total.toLocaleString(locale)} profiles by identifier.`;
}
