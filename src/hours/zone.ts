import type { Weekday } from '../types.js';
import { WEEKDAYS } from './clock.js';

/** A calendar day in some time zone, as numbers (month 1–12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

type WallClock = { date: LocalDate; minutes: number; seconds: number };

/**
 * The wall clock in `timeZone` at `instant`: its date and minutes after midnight. Read from
 * the zone's offset (asked of Intl about once per zone and day, below): the list reads a clock
 * for each result's next opening or closing, and Intl's formatToParts is slow.
 */
export function wallClock(instant: number, timeZone: string): WallClock {
  const local = new Date(instant + offsetAt(instant, timeZone));
  return {
    date: { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() },
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    seconds: local.getUTCSeconds(),
  };
}

/** The wall clock as Intl reads it. */
function readWallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(instant)) if (type !== 'literal') parts[type] = Number(value);
  const { year, month, day, hour, minute, second } = parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return { date: { year, month, day }, minutes: hour * 60 + minute, seconds: second };
}

/**
 * Offsets already worked out, per zone and quarter hour: every zone in use changes its offset
 * only on a quarter hour, and asking Intl is slow (a national feed with hours asks it millions
 * of times otherwise).
 */
const QUARTER_HOUR = 15 * MINUTE;
const QUARTERS_A_DAY = 96;
export const DAY = QUARTERS_A_DAY * QUARTER_HOUR;
const offsets = new Map<string, Map<number, number>>();
/**
 * Per zone and UTC day, the offset when the day's first and last quarter hours agree (null when
 * they differ): no zone changes its clocks twice in a day, so such a day has one offset
 * throughout, and a week of opening hours asks Intl about nine times, not 900.
 */
const dayOffsets = new Map<string, Map<number, number | null>>();
const MAX_CACHED = 50_000;

function cacheOf<T>(caches: Map<string, Map<number, T>>, timeZone: string): Map<number, T> {
  let cache = caches.get(timeZone);
  if (!cache) caches.set(timeZone, (cache = new Map()));
  else if (cache.size > MAX_CACHED) cache.clear();
  return cache;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const quarter = Math.floor(instant / QUARTER_HOUR);
  return dayOffset(Math.floor(quarter / QUARTERS_A_DAY), timeZone) ?? quarterOffset(quarter, timeZone);
}

/** The offset throughout UTC day `day` (numbered from the epoch), or null when it changes that day. */
function dayOffset(day: number, timeZone: string): number | null {
  const days = cacheOf(dayOffsets, timeZone);
  let steady = days.get(day);
  if (steady === undefined) {
    const first = quarterOffset(day * QUARTERS_A_DAY, timeZone);
    steady = first === quarterOffset((day + 1) * QUARTERS_A_DAY - 1, timeZone) ? first : null;
    days.set(day, steady);
  }
  return steady;
}

/**
 * The zone's offset when it holds from `from` to `to` (every UTC day between has the same one,
 * with no clock change), else undefined: instants and wall-clock times then map one to one.
 */
function steadyOffset(from: number, to: number, timeZone: string): number | undefined {
  let offset: number | undefined;
  for (let day = Math.floor(from / DAY); day <= Math.floor(to / DAY); day++) {
    const steady = dayOffset(day, timeZone);
    if (steady === null || (offset !== undefined && steady !== offset)) return undefined;
    offset = steady;
  }
  return offset;
}

/** The local day at a moment: milliseconds since local midnight, and today's and yesterday's weekday. */
export interface SteadyDay {
  sinceMidnight: number;
  today: Weekday;
  yesterday: Weekday;
}

/** The last answer of `steadyDay` per zone: a count asks it of every service at one moment. */
const lastDays = new Map<string, { at: number; day: SteadyDay | undefined }>();

/**
 * The local day in `timeZone` at `at` when the zone's offset holds for three days either side
 * (no clock change near, so any opening period that can hold `at` maps one to one onto the wall
 * clock), else undefined.
 */
export function steadyDay(at: number, timeZone: string): SteadyDay | undefined {
  const last = lastDays.get(timeZone);
  if (last?.at === at) return last.day;
  const offset = steadyOffset(at - 3 * DAY, at + 3 * DAY, timeZone);
  let day: SteadyDay | undefined;
  if (offset !== undefined) {
    const local = at + offset;
    const sinceMidnight = ((local % DAY) + DAY) % DAY;
    day = { sinceMidnight, today: weekdayAt(local - sinceMidnight), yesterday: weekdayAt(local - sinceMidnight - DAY) };
  }
  lastDays.set(timeZone, { at, day });
  return day;
}

/** The offset during one quarter hour (numbered from the epoch), as Intl reads it at its start. */
function quarterOffset(quarter: number, timeZone: string): number {
  const quarters = cacheOf(offsets, timeZone);
  let offset = quarters.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR;
    const { date, minutes, seconds } = readWallClock(start, timeZone);
    offset = Date.UTC(date.year, date.month - 1, date.day, 0, minutes, seconds) - start;
    quarters.set(quarter, offset);
  }
  return offset;
}

/**
 * The instant the wall clock in `timeZone` shows `minutes` after midnight of `date`.
 * `minutes` may pass 1440 (the next day). A time skipped when clocks go forward is read
 * as that many minutes after the jump (02:30 on a spring-forward night is 03:30), and a
 * time that happens twice when clocks go back is its first occurrence.
 */
export function instantOf(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE;
  const before = wall - offsetAt(wall - offsetAt(wall, timeZone) - 6 * 60 * MINUTE, timeZone);
  const after = wall - offsetAt(wall - offsetAt(wall, timeZone) + 6 * 60 * MINUTE, timeZone);
  const beforeOk = wall === before + offsetAt(before, timeZone);
  const afterOk = wall === after + offsetAt(after, timeZone);
  if (beforeOk && afterOk) return Math.min(before, after);
  if (beforeOk) return before;
  if (afterOk) return after;
  // In the gap: the offset from before the jump, which lands the same distance past it.
  return before;
}

/** The date `days` after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The day of the week of a calendar date. */
export const weekdayOf = (date: LocalDate): Weekday => weekdayAt(Date.UTC(date.year, date.month - 1, date.day));

/** The day of the week of the UTC day holding `ms` (getUTCDay: 0 is Sunday; WEEKDAYS starts on Monday). */
const weekdayAt = (ms: number): Weekday => WEEKDAYS[(new Date(ms).getUTCDay() + 6) % 7];

/** Whether `timeZone` is a time zone this browser knows, by its IANA name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
