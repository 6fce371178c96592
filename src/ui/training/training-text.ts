/** Words for training mode's speeds. */
import { formatNumber } from '../format.ts';

/** Formats a speed as "×3,600" in the user's locale. */
export function formatSpeed(speed: number): string {
  return `×${formatNumber(speed)}`;
}

/** Describes how long one training day takes in real time at `speed`, such as "a training day takes 24 s". */
export function describeDayAtSpeed(speed: number): string {
  const realSeconds = 86_400 / speed;
  if (realSeconds >= 60) return `a training day takes ${formatNumber(Math.round(realSeconds / 60))} min`;
  return `a training day takes ${formatNumber(Math.round(realSeconds))} s`;
}
