export { parseClockTime, parseDayList, parseWeekday, WEEKDAYS } from './clock.js';
export { readHours, readHoursText, type ReadHours } from './read-hours.js';
export { isOpenAt, nextChange, serviceRules, weekTable, type NextChange, type WeekTableDay } from './open.js';
export { coordinateZones, knownTimeZone, serviceTimeZone } from './time-zone.js';
export { formatHoursStatus, formatHoursTime, hoursStatus, type FormatHoursOptions, type HoursStatus } from './status.js';
export type { LocalDate } from './zone.js';
