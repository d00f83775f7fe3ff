import type { Service } from '../types.js';
import { enHours, type HoursStrings } from '../i18n/hours.js';
import { dateFormat, numberFormat, plural } from '../i18n/intl.js';
import { clockMinutes } from './clock.js';
import { nextChange } from './open.js';
import { wallClock } from './zone.js';
import { remembered } from '../util/remembered.js';

/** What to say about a service's hours right now, before it is put into words. */
export type HoursStatus =
  | { state: 'open-24h' }
  | {
      state: 'open' | 'closed';
      /** When it closes (open) or opens (closed); absent when that is not within a week. */
      changesAt?: Date;
      /** Whole minutes until then, only when under an hour. */
      minutes?: number;
    };

const HOUR = 60;

/**
 * The service's status at `now` in its time zone. Undefined when it has no hours, or they
 * cannot be placed in time (no time zone): a service with unknown hours is never "open".
 */
export function hoursStatus(service: Pick<Service, 'hours' | 'open24h'>, timeZone: string | undefined, now: Date): HoursStatus | undefined {
  if (service.open24h) return { state: 'open-24h' };
  if (!timeZone) return undefined;
  const change = nextChange(service.hours, timeZone, now);
  if (!change) return undefined;
  const state = change.open ? 'open' : 'closed';
  if (!change.changesAt) return change.open ? { state: 'open-24h' } : { state };
  const minutes = Math.ceil((change.changesAt.getTime() - now.getTime()) / 60_000);
  return minutes < HOUR ? { state, changesAt: change.changesAt, minutes } : { state, changesAt: change.changesAt };
}

export interface FormatHoursOptions {
  /** The visitor's locale: times are 12-hour in en-US, 24-hour in es-ES. */
  locale?: string;
  /** The service's time zone: times and days are its wall clock, as its hours are written. */
  timeZone: string;
  now: Date;
  strings?: HoursStrings;
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

const twelveHours = new Map<string, boolean>();

/** Whether the locale's clock is 12-hour, asked of Intl once per locale. */
const uses12Hours = (locale: string | undefined) =>
  remembered(twelveHours, locale ?? '', () => {
    const cycle = dateFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
    return cycle === 'h12' || cycle === 'h11';
  });

const wordedHours = new Map<string, boolean>();

/**
 * Whether the locale's hour alone reads as a time ("5 PM", "13 h", "13 Uhr"), not a bare number
 * ("13" in es-ES), asked of Intl once per locale.
 */
const hourAloneReads = (locale: string | undefined) =>
  remembered(wordedHours, locale ?? '', () => uses12Hours(locale) || /\p{L}/u.test(dateFormat(locale, { hour: 'numeric', timeZone: 'UTC' }).format(0)));

/** A time in the visitor's locale: "5 PM" and "5:30 PM" in en-US, "13 h" and "13 h 30" in fr-CA, "17:00" in es-ES. */
function formatTime(instant: Date, locale: string | undefined, timeZone: string): string {
  const onTheHour = wallClock(instant.getTime(), timeZone).minutes % 60 === 0;
  if (!onTheHour || !hourAloneReads(locale)) return dateFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(instant);
  // The hour alone is written with two digits in some ("09 h" in French, "09 Uhr"); people write "9 h".
  return dateFormat(locale, { hour: 'numeric', timeZone })
    .formatToParts(instant)
    .map((part) => (part.type === 'hour' ? part.value.replace(/^0(?=\d)/, '') : part.value))
    .join('');
}

/** An "HH:MM" time from the week table in the visitor's locale ("24:00" is midnight). */
export function formatHoursTime(hhmm: string, locale?: string): string {
  const minutes = clockMinutes(hhmm) % 1440;
  return formatTime(new Date(Date.UTC(2026, 0, 5, 0, minutes)), locale, 'UTC');
}

/** The status in words: "Open now · closes 5 PM", "Closes in 25 min", "Closed · opens Mon 9 AM", "Open 24 hours". */
export function formatHoursStatus(status: HoursStatus, options: FormatHoursOptions): string {
  const { locale, timeZone, now, strings = enHours } = options;
  if (status.state === 'open-24h') return strings.open24h;
  const open = status.state === 'open';
  const at = status.changesAt;
  if (!at) return open ? strings.openNow : strings.closed;
  if (status.minutes !== undefined) {
    const forms = open ? strings.closesIn : strings.opensIn;
    return fill(plural(locale, status.minutes, forms), { n: numberFormat(locale, {}).format(status.minutes) });
  }
  const time = formatTime(at, locale, timeZone);
  // Closing is always the next thing to happen, so its time alone is clear within a day;
  // an opening on another date names the day.
  const sameDay = open
    ? at.getTime() - now.getTime() < 24 * HOUR * 60_000
    : JSON.stringify(wallClock(at.getTime(), timeZone).date) === JSON.stringify(wallClock(now.getTime(), timeZone).date);
  const words = { time, at: strings.atTime?.(time) ?? time };
  if (sameDay) return fill(open ? strings.openClosesAt : strings.closedOpensAt, words);
  const day = dateFormat(locale, { weekday: strings.weekday ?? 'short', timeZone }).format(at);
  return fill(open ? strings.openClosesOn : strings.closedOpensOn, { ...words, day });
}
