import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import type { ScaledClockState } from '../../domain/scaled-clock.ts';
import { readMeta } from '../../storage/queries.ts';
import { useNow } from '../clock.ts';
import { formatDateTimeSeconds } from '../format.ts';
import { createLive } from '../live.ts';
import { isTrainingMode, leaveTrainingMode } from './training-mode.ts';
import { formatSpeed } from './training-text.ts';

/** Renders the banner on every screen of a tab in training mode: its own colour, the words "Training mode" and the training clock. */
export function TrainingBanner(): JSX.Element {
  return (
    <Show when={isTrainingMode()}>
      <TrainingBannerContent />
    </Show>
  );
}

function TrainingBannerContent(): JSX.Element {
  const clock = createLive((db) => readMeta<ScaledClockState>(db, 'training-clock'));
  const now = useNow();
  return (
    <div class="training-banner" role="region" aria-label="Training mode" data-testid="training-banner">
      <strong class="training-banner-title">Training mode</strong>
      <span class="training-banner-clock" aria-live="off">
        Training clock: <span data-testid="training-clock">{formatDateTimeSeconds(now())}</span>
        {clock()?.paused ? ' · paused' : clock() ? ` · ${formatSpeed(clock()?.speed ?? 0)}` : ''}
      </span>
      <span class="training-banner-note">Runs, profiles and deliveries here are for practice; nothing reaches real systems.</span>
      <A href="/training" class="training-banner-link">
        Training controls
      </A>
      <button type="button" class="training-banner-leave" onClick={() => leaveTrainingMode()}>
        Leave training mode
      </button>
    </div>
  );
}
