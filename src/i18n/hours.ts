/**
 * The words of the opening-hours status. `{time}`, `{at}`, `{day}` and `{n}` are filled in by
 * `formatHoursStatus`: times and day names come from Intl.DateTimeFormat in the visitor's
 * locale; `{n}` minutes pick their form through Intl.PluralRules.
 */
export interface HoursStrings {
  /** Open around the clock. */
  open24h: string;
  /** Open now; closes later today or tonight. */
  openClosesAt: string;
  /** Open now; closes on another day. */
  openClosesOn: string;
  /** Open now and nothing in the coming week closes it. */
  openNow: string;
  /** Closes within the hour, by plural category of `{n}` (minutes). */
  closesIn: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  /** Closed; opens later today. */
  closedOpensAt: string;
  /** Closed; opens on another day. */
  closedOpensOn: string;
  /** Opens within the hour, by plural category of `{n}` (minutes). */
  opensIn: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  /** Closed, with no opening in the coming week. */
  closed: string;
  /**
   * `{at}`: the time with the words before it, where they depend on the time (Spanish "a la 1",
   * "a las 9"). Without it, `{at}` is the time alone.
   */
  atTime?: (time: string) => string;
  /** How `{day}` names the day: `short` ("Tue", the default) or `long`, where short names mislead ("mar" is "the sea"). */
  weekday?: 'short' | 'long';
}

export const enHours: HoursStrings = {
  open24h: 'Open 24 hours',
  openClosesAt: 'Open now · closes {time}',
  openClosesOn: 'Open now · closes {day} {time}',
  openNow: 'Open now',
  closesIn: { one: 'Closes in {n} min', other: 'Closes in {n} min' },
  closedOpensAt: 'Closed · opens {time}',
  closedOpensOn: 'Closed · opens {day} {time}',
  opensIn: { one: 'Opens in {n} min', other: 'Opens in {n} min' },
  closed: 'Closed',
};
