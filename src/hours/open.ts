import type { HoursRule, Service, Weekday } from '../types.js';
import { WEEKDAYS } from './clock.js';
import { ruleSpan } from './read-hours.js';
import { addDays, DAY, instantOf, MINUTE, steadyDay, wallClock, weekdayOf, type LocalDate } from './zone.js';

/** When a service next opens or closes. */
export interface NextChange {
  open: boolean;
  /** Absent when nothing changes within the next week (open around the clock, or no opening day). */
  changesAt?: Date;
  kind: 'opens' | 'closes';
}

/** One day of the week table, in the service's time zone. */
export interface WeekTableDay {
  /** The calendar date there. */
  date: LocalDate;
  weekday: Weekday;
  today: boolean;
  /** Noon of that day: give it to Intl.DateTimeFormat (with the service's time zone) for the day's name. */
  noon: Date;
  /** Opening times that start on this day, earliest first; a closing time before the opening one is the next morning. */
  ranges: { opens: string; closes: string }[];
}

const ALL_DAY: HoursRule = { days: [...WEEKDAYS], opens: '00:00', closes: '24:00' };

/** A service's weekly rules, with "open 24 hours" as a rule; undefined when it gives no hours. */
export function serviceRules(service: Pick<Service, 'hours' | 'open24h'>): HoursRule[] | undefined {
  if (service.open24h) return [ALL_DAY];
  return service.hours?.length ? service.hours : undefined;
}

/**
 * Open periods as instants from the day before `now` to a week after it, in the service's
 * time zone; touching or overlapping periods are joined (Mon 22:00-02:00 and Tue 00:00-08:00
 * are one night).
 */
function periods(rules: readonly HoursRule[], timeZone: string, today: LocalDate): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let offset = -1; offset <= 7; offset++) {
    const date = addDays(today, offset);
    const weekday = weekdayOf(date);
    for (const rule of rules) {
      if (!rule.days.includes(weekday)) continue;
      const { opens, closes } = ruleSpan(rule);
      found.push({ start: instantOf(date, opens, timeZone), end: instantOf(date, closes, timeZone) });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const joined: { start: number; end: number }[] = [];
  for (const period of found) {
    const last = joined[joined.length - 1];
    if (last && period.start <= last.end) last.end = Math.max(last.end, period.end);
    else joined.push({ ...period });
  }
  return joined;
}

/**
 * Whether the service is open at `now`, by the wall clock of `timeZone`: undefined when there
 * are no rules (unknown hours are never "open" and never "closed").
 */
export function isOpenAt(rules: readonly HoursRule[] | undefined, timeZone: string, now: Date): boolean | undefined {
  if (!rules?.length) return undefined;
  return openByWallClock(rules, timeZone, now.getTime()) ?? nextChange(rules, timeZone, now)?.open;
}

/**
 * Whether `at` lies in today's or yesterday's opening hours, by the wall clock alone: the answer
 * nextChange gives, without working out a week of periods (the "Open now" count asks it of every
 * service). Undefined near a clock change (see `steadyDay`).
 */
function openByWallClock(rules: readonly HoursRule[], timeZone: string, at: number): boolean | undefined {
  const day = steadyDay(at, timeZone);
  if (!day) return undefined;
  const { sinceMidnight, today, yesterday } = day;
  for (const rule of rules) {
    const { opens, closes } = ruleSpan(rule);
    if (rule.days.includes(today) && opens * MINUTE <= sinceMidnight && sinceMidnight < closes * MINUTE) return true;
    if (rule.days.includes(yesterday) && sinceMidnight + DAY < closes * MINUTE) return true;
  }
  return false;
}

/**
 * Whether the service is open at `now` and when that changes, correct across daylight-saving
 * changes (an hour that does not exist that night is skipped, one that happens twice counts
 * once) and for hours past midnight. Undefined when there are no rules.
 */
export function nextChange(rules: readonly HoursRule[] | undefined, timeZone: string, now: Date): NextChange | undefined {
  if (!rules?.length) return undefined;
  const at = now.getTime();
  const today = wallClock(at, timeZone).date;
  const all = periods(rules, timeZone, today);
  // Past this, the week repeats: a period reaching it never closes within the week.
  const horizon = instantOf(addDays(today, 8), 0, timeZone);
  const current = all.find((p) => p.start <= at && at < p.end);
  if (current) return current.end >= horizon ? { open: true, kind: 'closes' } : { open: true, changesAt: new Date(current.end), kind: 'closes' };
  const next = all.find((p) => p.start > at);
  return next ? { open: false, changesAt: new Date(next.start), kind: 'opens' } : { open: false, kind: 'opens' };
}

/** The 7 days starting today in the service's time zone, each with the times it opens. */
export function weekTable(rules: readonly HoursRule[] | undefined, timeZone: string, now: Date): WeekTableDay[] {
  const today = wallClock(now.getTime(), timeZone).date;
  return Array.from({ length: 7 }, (_, offset) => {
    const date = addDays(today, offset);
    const weekday = weekdayOf(date);
    const ranges = (rules ?? [])
      .filter((rule) => rule.days.includes(weekday))
      .map(({ opens, closes }) => ({ opens, closes }))
      .sort((a, b) => a.opens.localeCompare(b.opens));
    return { date, weekday, today: offset === 0, noon: new Date(instantOf(date, 720, timeZone)), ranges };
  });
}
