/**
 * A virtualised list of profiles: only the rows in view (and a few around them) exist in the page, so a
 * store of 100,000 profiles scrolls as smoothly as one of 100. The caller loads rows by index.
 */
import { A } from '@solidjs/router';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { For, Show, createEffect, type JSX } from 'solid-js';
import type { Profile, PropertyDefinition } from '../../contract/model.ts';
import { formatDateTime } from '../format.ts';
import { profilePath, summariseProperties } from './profile-text.ts';

/** Row height in CSS pixels; `.profile-row` in styles.css has the same height. */
export const PROFILE_ROW_HEIGHT_PX = 56;

/**
 * Rows the list shows at most. Browsers cap an element's height at about 33 million pixels, and 500,000
 * rows of 56 px stay below it.
 */
export const MAX_LISTED_PROFILES = 500_000;

export interface ProfileListProps {
  /** Accessible name of the list, for example "Profiles whose identifier starts with ada". */
  label: string;
  count: number;
  /** The profile at `index`, or undefined while it loads. */
  rowAt(index: number): Profile | undefined;
  definitions: readonly PropertyDefinition[];
  /** Called with the first and last index in view whenever they change. */
  onVisibleRange?(firstIndex: number, lastIndex: number): void;
}

export function ProfileList(props: ProfileListProps): JSX.Element {
  let scrollElement: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return Math.min(props.count, MAX_LISTED_PROFILES);
    },
    getScrollElement: () => scrollElement ?? null,
    estimateSize: () => PROFILE_ROW_HEIGHT_PX,
    overscan: 8,
  });

  createEffect(() => {
    const items = virtualizer.getVirtualItems();
    const first = items[0];
    const last = items[items.length - 1];
    if (first && last) props.onVisibleRange?.(first.index, last.index);
  });

  return (
    <div ref={scrollElement} class="profile-list" tabIndex={0} role="region" aria-label={props.label}>
      <div role="list" class="profile-list-inner" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        <For each={virtualizer.getVirtualItems()}>
          {(item) => (
            <div
              role="listitem"
              class="profile-row"
              aria-posinset={item.index + 1}
              aria-setsize={props.count}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <Show when={props.rowAt(item.index)} fallback={<span class="hint">Loading…</span>}>
                {(profile) => <ProfileRowContent profile={profile()} definitions={props.definitions} />}
              </Show>
            </div>
          )}
        </For>
      </div>
    </div>
  );
}

function ProfileRowContent(props: { profile: Profile; definitions: readonly PropertyDefinition[] }): JSX.Element {
  return (
    <>
      <A class="profile-row-link" href={profilePath(props.profile.key)}>
        {props.profile.identifier}
      </A>
      <span class="profile-row-summary">{summariseProperties(props.profile.properties, props.definitions, props.profile.identifier)}</span>
      <span class="profile-row-updated">Updated {formatDateTime(props.profile.updatedAtMs)}</span>
    </>
  );
}
