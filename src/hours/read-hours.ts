import type { HoursRule, Weekday } from '../types.js';
import { cleanText, describe, isObject, listOf, own, quote as quoteText } from '../feed/text.js';
import { remembered } from '../util/remembered.js';
import { clockFromParts, clockMinutes, formatClock, parseClockTime, parseDayList, parseWeekday, wordTime, WEEKDAYS, type ClockTime } from './clock.js';

/** What `readHours` made of a value: weekly rules, or round the clock, and what it could not read. */
export interface ReadHours {
  hours?: HoursRule[];
  /** Every day, all day ("24/7", "Open 24 hours"). */
  open24h?: true;
  /** One sentence per part that was left out, quoting it. Nothing is dropped without one. */
  warnings: string[];
  /**
   * Hours as written that were not read, for visitors to read themselves: the parts left out
   * ("by appointment"), or all of it when a part left out held times or days without them,
   * and the rest alone would say "closed" when the service may be open (no `hours` then).
   */
  note?: string;
}

const DAY_MINUTES = 1440;

/** A part of written hours, quoted long enough to find it in the feed. */
const quote = (text: string) => quoteText(text, 80);

type Token =
  | { kind: 'days'; days: Weekday[] }
  | { kind: 'time'; time: ClockTime }
  | { kind: 'dash' | 'comma' | 'end' | 'closed' | 'allDay' | 'always' | 'noise' }
  | { kind: 'unknown'; text: string };
type Located = Token & { start: number; end: number };

/** Tried in order at each position; the first that matches there wins. */
const LEXICON: [RegExp, (m: RegExpExecArray) => Token][] = [
  [/[;\n\r]+/y, () => ({ kind: 'end' })],
  [/24\s*[/x]\s*7(?:\s*\/\s*365)?/y, () => ({ kind: 'always' })],
  [/(?:open\s+)?24\s*(?:hours|hrs?|h)(?:\s+a\s+day)?,?\s+(?:7\s+days\s+a\s+week|every\s*day|daily)/y, () => ({ kind: 'always' })],
  [/(?:open\s+)?(?:24\s*(?:hours|hrs?|h)(?:\s+a\s+day)?|all\s+day|around\s+the\s+clock)(?![a-z])/y, () => ({ kind: 'allDay' })],
  [/(?:7\s+days(?:\s+a\s+week)?|every\s*day|daily|all\s+week)(?![a-z])/y, () => ({ kind: 'days', days: [...WEEKDAYS] })],
  [/week\s*days(?![a-z])/y, () => ({ kind: 'days', days: ['mo', 'tu', 'we', 'th', 'fr'] })],
  [/week\s*ends?(?![a-z])/y, () => ({ kind: 'days', days: ['sa', 'su'] })],
  [/closed(?![a-z])/y, () => ({ kind: 'closed' })],
  [/(noon|midday|midnight)(?![a-z])/y, (m) => ({ kind: 'time', time: wordTime(m[1])! })],
  // "9", "9:30", "09.30", "9h30", "17h", "9am", "9 a.m.", "9p".
  [
    /(\d{1,2})(?:[:.h]?(\d{2}))?h?(?:\s*([ap])\.?(?:m\.?)?(?![a-z]))?(?![\d:])/y,
    (m) => {
      const time = clockFromParts(m[1], m[2], m[3]);
      return time ? { kind: 'time', time } : { kind: 'unknown', text: m[0] };
    },
  ],
  // "au", "à", "a" and "hasta": French and Spanish "to" ("lundi au vendredi", "9 h à 17 h", "lunes a viernes").
  [/\s*(?:[-–—‒−~]|(?:to|through|thru|until|till|til|au|à|a|hasta)(?![\p{L}]))\s*/uy, () => ({ kind: 'dash' })],
  [/,/y, () => ({ kind: 'comma' })],
  [/(?:[\s&+/|():.]|(?:and|open|from|hours|hrs|on|at|h|et|y|de|du|del|desde|le|el|ouvert|abierto)(?![\p{L}]))+/uy, () => ({ kind: 'noise' })],
  [
    /[\p{L}]+\.?/uy,
    (m) => {
      const day = parseWeekday(m[0]);
      return day ? { kind: 'days', days: [day] } : { kind: 'unknown', text: m[0] };
    },
  ],
  [/\S/y, (m) => ({ kind: 'unknown', text: m[0] })],
];

function tokenize(text: string): Located[] {
  const tokens: Located[] = [];
  for (let at = 0; at < text.length;) {
    for (const [pattern, make] of LEXICON) {
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (!match || match[0] === '') continue;
      const token = make(match);
      // Spaces around a dash are part of it; a lone space is noise and never kept.
      if (token.kind !== 'noise') tokens.push({ ...token, start: at, end: pattern.lastIndex });
      at = pattern.lastIndex;
      break;
    }
  }
  return tokens;
}

type Range = { opens: number; closes: number } | { problem: string };

/**
 * Reads a written range as people mean it. 24-hour times are taken as written ("22:00-06:00"
 * ends the next morning). When only one end says am/pm, the other takes whichever half of the
 * day puts it in order ("9-5pm", "9am-5"). When neither does and both look like a 12-hour
 * clock ("9-5", "10-2", "9:00-5:00"), the range is read as daytime hours if it opens 6–12
 * (9-5 is 09:00-17:00); one opening 1–5 could be night or day and is not guessed.
 */
export function resolveRange(from: ClockTime, to: ClockTime, written: string): Range {
  let opens = from.minutes;
  let closes = to.minutes;
  if (from.loose && to.meridiem) {
    const [same, other] = halves(opens, closes >= 720);
    opens = same < closes ? same : other;
  } else if (to.loose && from.meridiem) {
    const [same, other] = halves(closes, opens >= 720);
    closes = same > opens ? same : other;
  } else if (from.loose && to.loose) {
    const hour = Math.floor(opens / 60);
    if (hour < 6) {
      return { problem: `${quote(written)} could be day or night hours: write am/pm ("${hour}pm") or 24-hour times ("${hour + 12}:00")` };
    }
    closes = closes % 720;
    while (closes <= opens) closes += 720;
  }
  // Closing at midnight is the end of the day, not its start.
  if (closes === 0) closes = DAY_MINUTES;
  if (opens === DAY_MINUTES) return { problem: `${quote(written)} opens at 24:00, the end of the day` };
  if (opens === closes) return { problem: `${quote(written)} opens and closes at the same time` };
  return { opens, closes };
}

/** A loose time in the same half of the day as `pm` says, and in the other half. */
function halves(minutes: number, pm: boolean): [number, number] {
  const am = minutes % 720;
  return pm ? [am + 720, am] : [am, am + 720];
}

interface Group {
  /** Runs of days, split where a comma was written; "closed Sun, Mon-Fri 9-5" needs the split. */
  runs: Weekday[][];
  ranges: { opens: number; closes: number }[];
  closed: boolean;
  start: number;
  end: number;
  problem?: string;
}

const newGroup = (start: number): Group => ({ runs: [], ranges: [], closed: false, start, end: start });

/** One rule per range, for the given days. */
const rulesOf = (days: Weekday[], ranges: Group['ranges']): HoursRule[] =>
  ranges.map(({ opens, closes }) => ({ days, opens: formatClock(opens), closes: formatClock(closes) }));

/**
 * Reads opening hours written as text, the way spreadsheets and feeds write them:
 * "Mon-Fri 9am-5pm; Sat 10-2", "9:00 AM – 5:00 PM", "Monday to Friday 09:00-17:00",
 * "Mon, Wed, Fri 10:00-14:00", "9-12, 13-17", "22:00-06:00", "24/7", "Open 24 hours",
 * "closed Sunday". Times without days apply every day; days named "closed" are taken out of
 * every rule. A part it cannot read is left out with a warning that quotes it, and kept as the
 * `note`; the rest is kept too, unless the part held times or days without them: "closed" would
 * then be wrong, so the whole text is the note and there are no rules.
 */
export function readHoursText(written: string): ReadHours {
  return copyOf(remembered(readTexts, written, readText));
}

/** What a reader found, and whether it kept no rules because the rest alone would mislead (the note is then all of it). */
type Reading = ReadHours & { misleads?: true };

/** Hours as written → what they read as: feeds repeat a few ("Mon-Fri 9am-5pm"), and reading one is the costly part. */
const readTexts = new Map<string, Reading>();

/** A copy the caller may change: no two services share a rule or a list of days. */
function copyOf(read: ReadHours): ReadHours {
  const warnings = read.warnings.slice();
  const copy: ReadHours = read.open24h ? { open24h: true, warnings } : { warnings };
  if (read.hours) copy.hours = read.hours.map((rule) => ({ days: rule.days.slice(), opens: rule.opens, closes: rule.closes }));
  if (read.note) copy.note = read.note;
  return copy;
}

function readText(written: string): Reading {
  // Invisible control and bidi marks (an RTL spreadsheet may hold them) are not part of the
  // hours, and must not reach a warning that quotes the text.
  const text = cleanText(written, Number.MAX_SAFE_INTEGER).text ?? '';
  const lower = text.toLowerCase();
  const warnings: string[] = [];
  const rules: HoursRule[] = [];
  const closedDays = new Set<Weekday>();
  let always = false;
  // The parts left out, as written, and their warnings, which end once it is known whether the rest is kept.
  const unread: string[] = [];
  const unreadWarnings: string[] = [];
  let misleads = false;

  const tokens = tokenize(lower);
  let group = newGroup(0);
  let newRun = true;
  // The days of the last part that named days and times.
  let lastDays: Weekday[] | undefined;
  const flush = (next: number) => {
    let written = text.slice(group.start, group.end).trim();
    // Its closing bracket, which reads as nothing: "Sat (by appointment)", not "Sat (by appointment".
    if (written.split('(').length > written.split(')').length) written += /^\s*\)/.exec(text.slice(group.end))?.[0].trim() ?? '';
    const days = [...new Set(group.runs.flat())];
    if (group.problem) {
      unreadWarnings.push(`could not read ${quote(written)}: ${group.problem}`);
      unread.push(written);
      // Times or days left out ("Sat 1-4", "Sat by appointment"): the rest alone would call the service closed then.
      misleads ||= days.length > 0 || /\d/.test(written);
    } else if (group.closed) {
      if (days.length) days.forEach((day) => closedDays.add(day));
      else warnings.push(`${quote(written)} names no days; if the service is closed for now, set its status instead`);
    } else if (group.ranges.length) {
      // Times with no days of their own go on with the days before them ("Mon-Fri 9-12; 1-5"),
      // or are every day when none came before ("9-5; Sat 10-2").
      const ruleDays = days.length ? WEEKDAYS.filter((d) => days.includes(d)) : (lastDays ?? [...WEEKDAYS]);
      if (days.length) lastDays = ruleDays;
      // A day written again with times that overlap its earlier ones is an exception to them
      // ("Mon-Fri 9-5; Wed 9-12": Wednesday closes at noon); times apart add a period ("Mon-Fri 9-12; Mon-Fri 1-5").
      for (const [i, rule] of rules.entries()) {
        if (group.ranges.some((range) => overlaps(ruleSpan(rule), range))) rules[i] = { ...rule, days: rule.days.filter((day) => !ruleDays.includes(day)) };
      }
      rules.push(...rulesOf(ruleDays, group.ranges));
    } else if (days.length) {
      unreadWarnings.push(`${quote(written)} names days but no opening times`);
      unread.push(written);
      misleads = true;
    }
    group = newGroup(next);
    newRun = true;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    const afterNext = tokens[i + 2];
    if (group.runs.length === 0 && group.ranges.length === 0 && !group.closed && !group.problem) group.start = token.start;
    const extend = (end: number) => (group.end = Math.max(group.end, end));
    switch (token.kind) {
      case 'end':
        flush(token.end);
        continue;
      case 'comma':
        newRun = true;
        continue;
      case 'always':
        always = true;
        extend(token.end);
        continue;
      case 'closed':
        if (group.ranges.length) flush(token.start);
        group.closed = true;
        extend(token.end);
        continue;
      case 'days': {
        let days = token.days;
        let end = token.end;
        if (next?.kind === 'dash' && afterNext?.kind === 'days' && days.length === 1 && afterNext.days.length === 1) {
          days = parseDayList(`${days[0]}-${afterNext.days[0]}`)!;
          end = afterNext.end;
          i += 2;
        }
        // Days after the times ("9am-5pm Mon-Fri") belong to them unless more times follow
        // before the part ends ("9am-5pm M-F; Sat 10-2": the part is "9am-5pm M-F").
        const rest = tokens.slice(i + 1);
        const partEnd = rest.findIndex((t) => t.kind === 'end');
        const trailing =
          group.ranges.length > 0 &&
          group.runs.length === 0 &&
          !rest.slice(0, partEnd < 0 ? undefined : partEnd).some((t) => t.kind === 'time' || t.kind === 'allDay');
        if (group.ranges.length && !trailing) flush(token.start);
        if (newRun || !group.runs.length) group.runs.push([]);
        group.runs[group.runs.length - 1].push(...days);
        newRun = false;
        extend(end);
        continue;
      }
      case 'time':
      case 'allDay': {
        let range: Range;
        if (token.kind === 'allDay') {
          range = { opens: 0, closes: DAY_MINUTES };
        } else if (token.kind === 'time' && next?.kind === 'dash' && afterNext?.kind === 'time') {
          range = resolveRange(token.time, afterNext.time, text.slice(token.start, afterNext.end).trim());
          extend(afterNext.end);
          i += 2;
        } else {
          range = { problem: `${quote(text.slice(token.start, token.end).trim())} is a time without an end (write a range such as "9am-5pm")` };
        }
        // "closed Sun, Mon-Fri 9-5": the last run of days is the one these times are for.
        if (group.closed && group.runs.length > 1) {
          const run = group.runs.pop()!;
          group.end = token.start;
          flush(token.start);
          group.runs.push(run);
        }
        if ('problem' in range) group.problem ??= range.problem;
        else group.ranges.push(range);
        extend(token.end);
        continue;
      }
      case 'dash':
        group.problem ??= `a dash that joins no days or times`;
        extend(token.end);
        continue;
      case 'unknown':
        // Words after whole hours, with no days or times after them in the part, are a note of
        // their own ("Mon-Fri 9-5 (call ahead)", "Mon-Fri 9-5, walk-in only"), as after a ";".
        if (group.ranges.length && !group.problem && !namesHours(tokens, i + 1)) flush(token.start);
        group.problem ??= `${quote(token.text)} is not a day or a time`;
        extend(token.end);
        continue;
      default:
        continue;
    }
  }
  flush(text.length);
  const end = misleads ? 'the hours are shown as written' : 'that part was left out';
  for (const warning of unreadWarnings) warnings.push(`${warning}; ${end}`);
  if (misleads) return { warnings, note: text, misleads: true };
  const read = finish(rules, closedDays, always, warnings);
  if (unread.length) read.note = unread.join('; ');
  return read;
}

/** Whether the part from `from` on (to its end) names days or times. */
function namesHours(tokens: Located[], from: number): boolean {
  for (let i = from; i < tokens.length && tokens[i].kind !== 'end'; i++) {
    if (tokens[i].kind === 'days' || tokens[i].kind === 'time' || tokens[i].kind === 'allDay' || tokens[i].kind === 'always') return true;
  }
  return false;
}

function finish(rules: HoursRule[], closedDays: Set<Weekday>, always: boolean, warnings: string[]): ReadHours {
  if (always) return { open24h: true, warnings };
  // Rules with the same times are one rule, in the order first written.
  const byTimes = new Map<string, Set<Weekday>>();
  for (const rule of rules) {
    const key = `${rule.opens}-${rule.closes}`;
    const days = byTimes.get(key) ?? new Set<Weekday>();
    rule.days.filter((day) => !closedDays.has(day)).forEach((day) => days.add(day));
    byTimes.set(key, days);
  }
  const hours = [...byTimes]
    .filter(([, days]) => days.size)
    .map(([key, days]) => ({ days: WEEKDAYS.filter((day) => days.has(day)), opens: key.slice(0, 5), closes: key.slice(6) }));
  const allDay = hours.find((rule) => rule.opens === '00:00' && rule.closes === '24:00');
  if (allDay?.days.length === 7) return { open24h: true, warnings };
  return hours.length ? { hours, warnings } : { warnings };
}

/** A rule object as the native feed writes it: `{days: ["mo"], opens: "09:00", closes: "17:00"}`. */
function readRuleObject(rule: object): HoursRule | string {
  // Own properties only: a key named "__proto__" in a feed must reach nothing.
  const [rawDays, rawOpens, rawCloses] = ['days', 'opens', 'closes'].map((key) =>
    Object.prototype.hasOwnProperty.call(rule, key) ? (rule as Record<string, unknown>)[key] : undefined,
  );
  const days = parseDayList(rawDays);
  const opens = parseClockTime(rawOpens);
  const closes = parseClockTime(rawCloses);
  if (!days) return `days ${Array.isArray(rawDays) ? `[${listOf(rawDays.map(describe))}]` : describe(rawDays)} are not like ["mo", "tu"] or "mo-fr"`;
  if (!opens || opens === '24:00') return `opens ${describe(rawOpens)} is not a time like "09:00" or "9am"`;
  if (!closes) return `closes ${describe(rawCloses)} is not a time like "17:00" or "5pm"`;
  if (opens === closes) return `it opens and closes at ${opens}`;
  return { days, opens, closes: closes === '00:00' ? '24:00' : closes };
}

/**
 * Reads `hours` in any form a feed gives it: text (see `readHoursText`), a list of text, or
 * a list of `{days, opens, closes}` rules whose times may be written "9am" as well as "09:00".
 */
export function readHours(value: unknown): ReadHours {
  if (value === undefined || value === null || value === '') return { warnings: [] };
  if (typeof value === 'string') return readHoursText(value);
  if (!Array.isArray(value)) return { warnings: [`must be text or a list of rules, got ${describe(value)}`] };
  // Rules written as feeds write them are read once per distinct list, as text is.
  const key = rulesKey(value);
  return key === undefined ? readRuleList(value) : copyOf(remembered(readRuleLists, key, () => readRuleList(value)));
}

/** Rule lists by `rulesKey` → what they read as. */
const readRuleLists = new Map<string, ReadHours>();

/**
 * A key for a list of `{days, opens, closes}` rules holding only text (and lists of text for
 * `days`): all that `readRuleObject` reads of them, in order. Undefined for anything else.
 */
function rulesKey(value: readonly unknown[]): string | undefined {
  const parts: unknown[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
    const days = own(item, 'days');
    const opens = own(item, 'opens');
    const closes = own(item, 'closes');
    if (typeof opens !== 'string' || typeof closes !== 'string') return undefined;
    if (typeof days !== 'string' && !(Array.isArray(days) && days.every((day) => typeof day === 'string'))) return undefined;
    parts.push(days, opens, closes);
  }
  return JSON.stringify(parts);
}

/**
 * A list of rules, text or `{days, opens, closes}`. When one cannot be read, or is text that
 * reads only as written, no rule is kept: the others alone would call the service closed on
 * that rule's days, when it may be open. The list, as written, is then the note.
 */
function readRuleList(value: readonly unknown[]): ReadHours {
  const rules: HoursRule[] = [];
  const warnings: string[] = [];
  const notes: string[] = [];
  const written: string[] = [];
  let always = false;
  let misleads = false;
  value.forEach((item, i) => {
    if (typeof item === 'string') {
      const read = remembered(readTexts, item, readText);
      always ||= read.open24h === true;
      misleads ||= read.misleads === true;
      rules.push(...(read.hours ?? []));
      warnings.push(...read.warnings.map((w) => `rule ${i + 1}: ${w}`));
      if (read.note) notes.push(read.note);
      written.push(item);
      return;
    }
    const rule = isObject(item) ? readRuleObject(item) : `expected {days, opens, closes}, got ${describe(item)}`;
    if (isObject(item)) written.push(ruleAsWritten(own(item, 'days'), own(item, 'opens'), own(item, 'closes')));
    if (typeof rule === 'string') {
      warnings.push(`rule ${i + 1} could not be read: ${rule}; the hours are shown as written`);
      misleads = true;
    } else rules.push(rule);
  });
  if (misleads) {
    const note = cleanText(written.join('; '), Number.MAX_SAFE_INTEGER).text;
    return note ? { warnings, note } : { warnings };
  }
  const read = finish(rules, new Set(), always, warnings);
  if (notes.length) read.note = notes.join('; ');
  return read;
}

/** Day names for hours shown as written: feed text, in the feed's language, which is English where a day is a code or a number. */
const DAY_NAMES: Record<Weekday, string> = { mo: 'Mon', tu: 'Tue', we: 'Wed', th: 'Thu', fr: 'Fri', sa: 'Sat', su: 'Sun' };

/**
 * A rule as a visitor may read it: "Mon, Tue 9am–5pm". Days that read as days are named ("mo",
 * "MO" or an HSDS weekday number become "Mon"); the rest is as the feed wrote it.
 */
export function ruleAsWritten(days: unknown, opens: unknown, closes: unknown): string {
  const part = (value: unknown): string =>
    typeof value === 'string' || typeof value === 'number' ? String(value).trim() : Array.isArray(value) ? value.map(part).filter(Boolean).join(', ') : '';
  const read = parseDayList(typeof days === 'number' ? [days] : days);
  const times = part(opens) || part(closes) ? `${part(opens)}–${part(closes)}` : '';
  return [read ? read.map((day) => DAY_NAMES[day]).join(', ') : part(days), times].filter(Boolean).join(' ');
}

/** Whether two spans of a day share a minute; either may close past midnight (past 1440). */
function overlaps(a: { opens: number; closes: number }, b: { opens: number; closes: number }): boolean {
  const closes = (span: { opens: number; closes: number }) => (span.closes <= span.opens ? span.closes + DAY_MINUTES : span.closes);
  return a.opens < closes(b) && b.opens < closes(a);
}

/** Minutes after midnight of a rule's opening and closing; closing after midnight is past 1440. */
export function ruleSpan(rule: HoursRule): { opens: number; closes: number } {
  const opens = clockMinutes(rule.opens);
  const closes = clockMinutes(rule.closes);
  return { opens, closes: closes <= opens ? closes + DAY_MINUTES : closes };
}
