import type { Weekday } from '../types.js';
import { withoutAccents } from '../feed/text.js';

/** Monday first, as in ISO 8601 and RFC 5545. */
export const WEEKDAYS: readonly Weekday[] = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];

const FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/**
 * Abbreviations people write that are not simply the start of the day's name, and the single
 * letters that name one day ("M-F", "M, W, F"; "R" for Thursday); "T" and "S" could be two.
 */
const EXTRA_NAMES = new Map<string, Weekday>([
  ['m', 'mo'],
  ['w', 'we'],
  ['r', 'th'],
  ['f', 'fr'],
  ['weds', 'we'],
  ['thur', 'th'],
  ['thurs', 'th'],
  ['tues', 'tu'],
]);

/** French and Spanish day names, Monday first, each with its usual short form (the first letters). */
const OTHER_NAMES = [
  ['lundi', 'lunes'],
  ['mardi', 'martes'],
  ['mercredi', 'miercoles', 'mie'],
  ['jeudi', 'jueves'],
  ['vendredi', 'viernes'],
  ['samedi', 'sabado'],
  ['dimanche', 'domingo'],
];

const TIME = /^(\d{1,2})(?:[:.]?(\d{2}))?(?:[:.](\d{2})(?:\.\d+)?)?(?:\s*([ap])\.?\s*(?:m\.?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/;

const pad = (n: number): string => String(n).padStart(2, '0');

/** A clock time as written: minutes after midnight, and what the writing says about the 12-hour clock. */
export interface ClockTime {
  /** 0–1440, with am/pm already applied ("5pm" is 1020). */
  minutes: number;
  /** Whether am/pm (or "noon"/"midnight") was written. */
  meridiem: boolean;
  /**
   * Written as a 12-hour clock reads without am/pm: an hour 1–12 with no leading zero ("9",
   * "5:30", "12"). "09:00", "17" and "0" are 24-hour times.
   */
  loose: boolean;
}

/**
 * The one reading of an hour, minutes and am/pm, shared by every format: undefined for an
 * hour or minute out of range ("25", "9:75", "13pm").
 */
export function clockFromParts(hourText: string, minuteText: string | undefined, meridiem: string | undefined): ClockTime | undefined {
  let hours = Number(hourText);
  const minutes = minuteText === undefined ? 0 : Number(minuteText);
  if (minutes > 59) return undefined;
  if (meridiem) {
    if (hours > 12 || hours === 0) return undefined;
    if (hours === 12) hours = 0;
    if (meridiem.startsWith('p')) hours += 12;
    return { minutes: hours * 60 + minutes, meridiem: true, loose: false };
  }
  if (hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return { minutes: hours * 60 + minutes, meridiem: false, loose: hours >= 1 && hours <= 12 && !hourText.startsWith('0') };
}

const WORD_TIMES: Record<string, ClockTime> = {
  noon: { minutes: 720, meridiem: true, loose: false },
  midday: { minutes: 720, meridiem: true, loose: false },
  midnight: { minutes: 0, meridiem: true, loose: false },
};

/** "noon", "midday" or "midnight" as a clock time; undefined for any other text. */
export const wordTime = (text: string): ClockTime | undefined => (Object.prototype.hasOwnProperty.call(WORD_TIMES, text) ? WORD_TIMES[text] : undefined);

/** "HH:MM" for minutes after midnight (1440 is "24:00"). */
export const formatClock = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** Minutes after midnight of an "HH:MM" time. */
export const clockMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Reads a clock time as partners write it and returns "HH:MM" (24-hour), or undefined when
 * the text is not a time. Accepts "09:00", "09:00:00", "9:00am", "9:00 pm", "9 a.m.",
 * "0900", "10", "12:00am" (midnight, "00:00"), "12:00pm" (noon), "noon", "midnight" and
 * "24:00". A trailing "Z" or UTC offset (HSDS 3 allows "09:00-05:00") is dropped: the
 * result is the local clock time.
 */
export function parseClockTime(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const value = text.trim().toLowerCase();
  const word = wordTime(value);
  if (word) return formatClock(word.minutes);
  const match = TIME.exec(value);
  if (!match) return undefined;
  const [, hour, minute, seconds, meridiem, offset] = match;
  if (seconds !== undefined && Number(seconds) > 59) return undefined;
  // "10-11" is a range, not 10:00 at UTC-11: an offset needs a full "HH:MM" before it.
  if (offset && /^[+-]/.test(offset) && (minute === undefined || meridiem)) return undefined;
  const time = clockFromParts(hour, minute, meridiem);
  // "24:00:30" is past the end of the day.
  if (!time || (time.minutes === 1440 && seconds !== undefined && Number(seconds) > 0)) return undefined;
  return formatClock(time.minutes);
}

/**
 * Reads one day of the week: RFC 5545 codes ("MO"), English names and their usual
 * abbreviations ("Mon", "Tues", "Thurs"), French and Spanish names and their first three
 * letters or more ("lun", "mié", "vendredi"), and numbers. Numbers follow ISO 8601 (1 = Monday …
 * 7 = Sunday), the convention of HSDS 1.x/2.x `regular_schedules.weekday`; 0 is read as
 * Sunday because only Sunday-first numbering uses it.
 */
export function parseWeekday(value: unknown): Weekday | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? dayFromNumber(value) : undefined;
  if (typeof value !== 'string') return undefined;
  // Accents dropped: "miércoles", "sáb." read as "miercoles", "sab".
  const text = withoutAccents(value).trim().toLowerCase().replace(/\.$/, '');
  if (/^\d+$/.test(text)) return dayFromNumber(Number(text));
  const extra = EXTRA_NAMES.get(text);
  if (extra) return extra;
  if (!/^[a-z]{2,9}$/.test(text)) return undefined;
  let index = FULL_NAMES.findIndex((name) => name.startsWith(text));
  // Three letters at least in French or Spanish: "ma" and "me" could be two days.
  if (index < 0 && text.length > 2) index = OTHER_NAMES.findIndex((names) => names.some((name) => name.startsWith(text)));
  return index === -1 ? undefined : WEEKDAYS[index];
}

function dayFromNumber(n: number): Weekday | undefined {
  if (n === 0) return 'su';
  return n >= 1 && n <= 7 ? WEEKDAYS[n - 1] : undefined;
}

/**
 * Reads a list of days: "MO,TU,WE", "Mon Wed Fri", "MO-FR" or an array of day values.
 * Returns the days in week order, or undefined when any part is not a day (so a monthly
 * RFC 5545 entry like "1SA" is never mistaken for a weekly one).
 */
export function parseDayList(value: unknown): Weekday[] | undefined {
  const parts = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value
          // Runs of spaces as one first: the patterns after it then take linear time on any text.
          .replace(/\s+/g, ' ')
          .replace(/ (?:to|through|thru) | ?[-–] ?/gi, '-')
          .replace(/ and /gi, ',')
          .split(/[,;/&\s]+/)
          .filter((part) => part !== '')
      : undefined;
  if (!parts || parts.length === 0) return undefined;
  const days = new Set<Weekday>();
  for (const part of parts) {
    const range = typeof part === 'string' ? /^([^-–]+)[-–]([^-–]+)$/.exec(part.trim()) : null;
    if (range) {
      const from = parseWeekday(range[1]);
      const to = parseWeekday(range[2]);
      if (!from || !to) return undefined;
      for (let i = WEEKDAYS.indexOf(from); ; i = (i + 1) % 7) {
        days.add(WEEKDAYS[i]);
        if (WEEKDAYS[i] === to) break;
      }
      continue;
    }
    const day = parseWeekday(part);
    if (!day) return undefined;
    days.add(day);
  }
  return WEEKDAYS.filter((day) => days.has(day));
}
