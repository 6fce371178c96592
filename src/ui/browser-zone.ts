/** The browser's time zone as Temporal names it. A module of its own, so that importing format.ts loads no Temporal. */
import { Temporal } from 'temporal-polyfill';

export function browserZone(): string {
  return Temporal.Now.timeZoneId();
}
