import type { Address, HoursRule, ServiceStatus, Weekday } from '../../types.js';
import { isServiceType, sortTypes, type ServiceType } from '../service-types.js';
import { FeedFormatError } from '../validate.js';
import type { FormatOutput } from './format.js';
import { parseClockTime, parseDayList, WEEKDAYS } from '../../hours/clock.js';
import { ruleAsWritten } from '../../hours/read-hours.js';
import { looksLikeSalRow } from './hsds-detect.js';
import { readCost as readCostText, readLanguages, type ReadLanguages } from '../normalize.js';
import { cleanText, describe, has, isObject, type Json, listOf, MAX_LENGTH, own, quote } from '../text.js';

/**
 * Reader for Open Referral HSDS JSON (3.0, and the 1.x/2.x field names that survive in
 * exports): services with `service_at_locations` → `location`. Every read is of a known key
 * and an own property, and records are built from our own keys only, so hostile keys such
 * as `__proto__` in a feed reach nothing.
 */

export interface HsdsOptions {
  /** Partner taxonomy terms (name or code) → our types. Keys are compared trimmed and case-insensitively. */
  typeMap?: Record<string, string | string[]>;
}

const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : []);

/** A non-empty trimmed string; finite numbers become strings (ids, phone extensions). */
function str(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

/** One service to read: its source position and, for service-at-location rows, that one link. */
interface Entry {
  index: number;
  service: unknown;
  sals?: unknown[];
}

interface Context {
  entries: Entry[];
  /** Locations of an organization document, for `location_id` links. */
  locations: Map<string, Json>;
  organization?: Json;
  /** Service-at-location rows per service id, so names say which location when there are several. */
  rowsPerService: Map<string, number>;
  typeMap: Map<string, string[]>;
  unmappedTerms: Set<string>;
  unknownTargets: Set<string>;
  unknownLanguages: Set<string>;
  /** Names read as their usual meaning ("Creole") → the tag read. */
  ambiguousLanguages: Map<string, string>;
  out: FormatOutput;
}

/**
 * Reads HSDS JSON into records in our field names: one record per service-at-location
 * (a service without locations gives one record without coordinates). Throws FeedFormatError
 * only when the top level is not HSDS at all; everything else becomes a skipped record or a
 * warning.
 */
export function readHsds(doc: unknown, options: HsdsOptions = {}): FormatOutput {
  const out: FormatOutput = { records: [], indexes: [], native: true, skipped: [], warnings: [] };
  const ctx: Context = {
    entries: [],
    locations: new Map(),
    rowsPerService: new Map(),
    typeMap: buildTypeMap(options.typeMap),
    unmappedTerms: new Set(),
    unknownTargets: new Set(),
    unknownLanguages: new Set(),
    ambiguousLanguages: new Map(),
    out,
  };
  unwrap(doc, ctx);
  for (const entry of ctx.entries) readEntry(entry, ctx);

  const listed = (names: Set<string>): string => {
    // describe() clips each name and drops bidi controls: these reasons reach the console.
    const all = [...names].map((name) => describe(name));
    return all.length > 20 ? `${all.slice(0, 20).join(', ')} and ${all.length - 20} more` : all.join(', ');
  };
  if (ctx.unmappedTerms.size) {
    out.warnings.push({ index: -1, reason: `taxonomy terms that give no type (map them with field-map if they should): ${listed(ctx.unmappedTerms)}` });
  }
  if (ctx.unknownTargets.size) {
    out.warnings.push({ index: -1, reason: `the type map names types that do not exist and were ignored: ${listed(ctx.unknownTargets)}` });
  }
  if (ctx.ambiguousLanguages.size) {
    const read = [...ctx.ambiguousLanguages].map(([name, tag]) => `${describe(name)} as "${tag}"`);
    out.warnings.push({
      index: -1,
      reason: `languages that can mean more than one language were read as the usual one (write the full name or code to be exact): ${listOf(read, 20)}`,
    });
  }
  if (ctx.unknownLanguages.size) {
    out.warnings.push({ index: -1, reason: `languages that are not language names or codes and were left out: ${listed(ctx.unknownLanguages)}` });
  }
  return out;
}

function buildTypeMap(source: HsdsOptions['typeMap']): Map<string, string[]> {
  const map = new Map<string, string[]>();
  if (!isObject(source)) return map;
  for (const [key, value] of Object.entries(source)) {
    const targets = (Array.isArray(value) ? value : [value]).filter((t): t is string => typeof t === 'string').map((t) => t.trim());
    map.set(key.trim().toLowerCase(), targets);
  }
  return map;
}

function unwrap(doc: unknown, ctx: Context): void {
  if (Array.isArray(doc)) return addEntries(doc, ctx);
  if (!isObject(doc)) throw new FeedFormatError(`expected HSDS services (an array or an object), got ${describe(doc)}.`);

  const contents = own(doc, 'contents');
  if (Array.isArray(contents)) {
    const page = Number(own(doc, 'page_number'));
    const pages = Number(own(doc, 'total_pages'));
    if (own(doc, 'last_page') === false || (Number.isFinite(pages) && Number.isFinite(page) && page < pages)) {
      const of = Number.isFinite(pages) ? ` of ${pages}` : '';
      ctx.out.warnings.push({
        index: -1,
        reason: `this is page ${Number.isFinite(page) ? page : '?'}${of} of an HSDS API; only its ${contents.length} services were read. Use an address that returns every service (a larger page size or a full export).`,
      });
    }
    return addEntries(contents, ctx);
  }
  if (contents !== undefined) throw new FeedFormatError(`"contents" must be an array of HSDS services, got ${describe(contents)}.`);

  const services = own(doc, 'services');
  if (Array.isArray(services)) {
    ctx.organization = doc;
    const title = cleanText(str(own(doc, 'name')) ?? '', MAX_LENGTH.short).text;
    if (title) ctx.out.title = title;
    for (const location of objects(own(doc, 'locations'))) {
      const id = str(own(location, 'id'));
      if (id && !ctx.locations.has(id)) ctx.locations.set(id, location);
    }
    return addEntries(services, ctx);
  }
  if (looksLikeSalRow(doc) || has(doc, 'service_at_locations') || (has(doc, 'id') && has(doc, 'name'))) return addEntries([doc], ctx);

  const keys = listOf(Object.keys(doc).map(describe));
  throw new FeedFormatError(
    `expected HSDS services: an array, a service, an API page with "contents" or an organization with "services"; got an object with ${keys || 'no keys'}.`,
  );
}

function addEntries(items: unknown[], ctx: Context): void {
  items.forEach((item, index) => {
    if (looksLikeSalRow(item) && !has(item, 'service_at_locations')) {
      const service = own(item, 'service');
      const id = isObject(service) ? str(own(service, 'id')) : undefined;
      if (id) ctx.rowsPerService.set(id, (ctx.rowsPerService.get(id) ?? 0) + 1);
      ctx.entries.push({ index, service, sals: [item] });
    } else {
      ctx.entries.push({ index, service: item });
    }
  });
}

function readEntry(entry: Entry, ctx: Context): void {
  const { index, service } = entry;
  const { out } = ctx;
  let sals: unknown[] = entry.sals ?? [];
  const serviceId = isObject(service) ? str(own(service, 'id')) : undefined;
  const warn = (reason: string, id = serviceId): void => {
    out.warnings.push({ index, ...(id ? { id } : {}), reason });
  };
  if (!entry.sals && isObject(service)) {
    const listed = own(service, 'service_at_locations');
    if (Array.isArray(listed)) sals = listed;
    else if (listed !== undefined && listed !== null)
      warn(`"service_at_locations" must be an array, got ${describe(listed)}; the service is shown without a map position`);
  }
  const slots: unknown[] = sals.length ? sals : [undefined];

  const name = isObject(service) ? str(own(service, 'name')) : undefined;
  if (!isObject(service) || !serviceId || !name) {
    const reason = !isObject(service)
      ? `an HSDS service must be an object, got ${describe(service)}`
      : [serviceId ? '' : 'the service has no "id"', name ? '' : 'the service has no "name"'].filter(Boolean).join('; ');
    for (let n = 0; n < slots.length; n++) out.skipped.push({ index, ...(serviceId ? { id: serviceId } : {}), reason });
    return;
  }

  const several = slots.length > 1 || (ctx.rowsPerService.get(serviceId) ?? 0) > 1;
  const shared = serviceFields(service, ctx, warn);
  const usedIds = new Set<string>();
  slots.forEach((sal, n) => {
    if (sal === undefined) {
      emit(ctx, index, {
        id: serviceId,
        name,
        ...shared.fields,
        ...shared.hoursFrom([objects(own(service, 'schedules')), objects(own(service, 'regular_schedules'))], warn),
      });
      return;
    }
    if (!isObject(sal)) {
      out.skipped.push({ index, id: serviceId, reason: `service_at_locations[${n}] must be an object, got ${describe(sal)}` });
      return;
    }
    const salId = str(own(sal, 'id'));
    const linkedId = str(own(sal, 'location_id'));
    let location = own(sal, 'location');
    if (!isObject(location) && linkedId) location = ctx.locations.get(linkedId);
    const locationId = isObject(location) ? (str(own(location, 'id')) ?? linkedId) : linkedId;
    let id = `${serviceId}@${locationId ?? salId ?? n}`;
    // Two links to the same location must still give two distinct records.
    if (usedIds.has(id)) id = `${id}#${n}`;
    usedIds.add(id);
    const recordWarn = (reason: string): void => warn(reason, id);
    if (!isObject(location)) {
      recordWarn(
        linkedId
          ? `service-at-location ${salId ? `${quote(salId)} ` : ''}points to location ${quote(linkedId)}, which is not in the feed; shown without a map position`
          : `service-at-location ${salId ? `${quote(salId)} ` : ''}has no location; shown without a map position`,
      );
    }
    const loc: Json = isObject(location) ? location : {};
    const locationName = str(own(loc, 'name'));
    const address = readAddress(loc);
    const label = locationName ?? address?.street;
    emit(ctx, index, {
      id,
      name: several && label ? `${name} – ${label}` : name,
      lat: coordinate(own(loc, 'latitude')),
      lng: coordinate(own(loc, 'longitude')),
      ...shared.fields,
      types: sortTypes([...new Set([...shared.types, ...readTypes([sal, loc], ctx)])]),
      address,
      phone: firstPhone([own(sal, 'phones'), own(loc, 'phones'), own(service, 'phones')]),
      languages: languagesOf([own(service, 'languages'), own(loc, 'languages')], ctx),
      accessibility: readAccessibility(loc),
      ...shared.hoursFrom(
        [
          objects(own(sal, 'schedules')),
          objects(own(sal, 'regular_schedules')),
          objects(own(loc, 'schedules')),
          objects(own(loc, 'regular_schedules')),
          objects(own(service, 'schedules')),
          objects(own(service, 'regular_schedules')),
        ],
        recordWarn,
      ),
    });
  });
}

/** Appends a record without its undefined fields. */
function emit(ctx: Context, index: number, record: Record<string, unknown>): void {
  const compact: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) compact[key] = value;
  ctx.out.records.push(compact);
  ctx.out.indexes.push(index);
}

/** Numbers pass; numeric text passes as text for the shared normalizer to coerce. */
function coordinate(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function serviceFields(service: Json, ctx: Context, warn: (reason: string) => void) {
  const organization = isObject(own(service, 'organization')) ? (own(service, 'organization') as Json) : ctx.organization;
  const types = readTypes([service], ctx);
  const fields = {
    types: sortTypes(types),
    website: str(own(service, 'url')) ?? (organization ? (str(own(organization, 'website')) ?? str(own(organization, 'url'))) : undefined),
    email: str(own(service, 'email')),
    description: str(own(service, 'description')),
    cost: readCost(service),
    languages: languagesOf([own(service, 'languages')], ctx),
    lastVerified: readDate(service, warn),
    status: readStatus(own(service, 'status'), warn),
  };
  /** Hours from the first level (service-at-location, location, service) that has schedules. */
  const hoursFrom = (levels: Json[][], levelWarn: (reason: string) => void) => {
    const schedules = levels.find((level) => level.length > 0);
    return schedules ? readSchedules(schedules, levelWarn) : {};
  };
  return { fields, types, hoursFrom };
}

const STATUSES = new Map<string, ServiceStatus>([
  ['active', 'active'],
  ['inactive', 'closed'],
  ['defunct', 'closed'],
  ['temporarily closed', 'temporarily-closed'],
]);

function readStatus(value: unknown, warn: (reason: string) => void): ServiceStatus | undefined {
  const text = str(value);
  if (!text) return undefined;
  const status = STATUSES.get(text.toLowerCase().replace(/[\s_-]+/g, ' '));
  if (!status) warn(`status ${describe(text)} is not an HSDS status (active, inactive, defunct, temporarily closed) and was left out`);
  return status;
}

function readDate(service: Json, warn: (reason: string) => void): string | undefined {
  for (const key of ['assured_date', 'last_modified']) {
    const text = str(own(service, key));
    if (!text) continue;
    const date = /^\d{4}-\d{2}-\d{2}/.exec(text);
    if (date) return date[0];
    warn(`"${key}" ${describe(text)} is not an ISO date and was left out`);
  }
  return undefined;
}

function readCost(service: Json): string | undefined {
  const options = objects(own(service, 'cost_options'));
  const amounts = options.map((option) => Number(str(own(option, 'amount')) ?? NaN)).filter((n) => Number.isFinite(n));
  if (amounts.length && amounts.every((n) => n === 0)) return 'free';
  const fees = str(own(service, 'fees_description')) ?? str(own(service, 'fees'));
  if (fees) return readCostText(fees);
  const described = options
    .map((option) => {
      const amount = str(own(option, 'amount'));
      const price = amount ? [amount, str(own(option, 'currency'))?.toUpperCase()].filter(Boolean).join(' ') : undefined;
      return [str(own(option, 'option')), price, str(own(option, 'amount_description'))].filter(Boolean).join(', ');
    })
    .filter(Boolean);
  return described.length ? described.join('; ') : undefined;
}

function readAddress(location: Json): Address | undefined {
  const typed = (list: unknown, type?: string) => objects(list).map((address) => ({ address, type: type ?? str(own(address, 'address_type'))?.toLowerCase() }));
  const all = [
    ...typed(own(location, 'addresses')),
    ...typed(own(location, 'physical_addresses'), 'physical'),
    ...typed(own(location, 'physical_address'), 'physical'),
    ...typed(own(location, 'postal_addresses'), 'postal'),
    ...typed(own(location, 'postal_address'), 'postal'),
  ].filter(({ type }) => type !== 'virtual');
  const chosen = (all.find(({ type }) => type === 'physical' || type === undefined) ?? all[0])?.address;
  if (!chosen) return undefined;
  const lines = ['address_1', 'address_2', 'address_3', 'address_4'].map((key) => str(own(chosen, key))).filter(Boolean);
  const address: Address = {
    street: lines.length ? lines.join(', ') : undefined,
    city: str(own(chosen, 'city')),
    region: str(own(chosen, 'state_province')) ?? str(own(chosen, 'region')),
    postalCode: str(own(chosen, 'postal_code')),
    country: str(own(chosen, 'country')),
  };
  for (const key of Object.keys(address) as (keyof Address)[]) if (address[key] === undefined) delete address[key];
  return Object.keys(address).length ? address : undefined;
}

const SKIPPED_PHONE_TYPES = new Set(['fax', 'pager']);

function firstPhone(levels: unknown[]): string | undefined {
  for (const level of levels) {
    for (const phone of objects(level)) {
      if (SKIPPED_PHONE_TYPES.has(str(own(phone, 'type'))?.toLowerCase() ?? '')) continue;
      // Some exports wrap the number in literal quotes.
      const number = str(own(phone, 'number'))
        ?.replace(/^["']+|["']+$/g, '')
        .trim();
      if (!number) continue;
      const extension = str(own(phone, 'extension'))?.replace(/^(?:x|ext\.?|extension)\s*/i, '');
      return extension ? `${number} x${extension}` : number;
    }
  }
  return undefined;
}

function readAccessibility(location: Json): string | undefined {
  const parts = [...objects(own(location, 'accessibility')), ...objects(own(location, 'accessibility_for_disabilities'))]
    .map((entry) => {
      const kind = str(own(entry, 'accessibility'))?.replace(/_/g, ' ');
      return str(own(entry, 'description')) ?? [kind, str(own(entry, 'details'))].filter(Boolean).join(': ');
    })
    .filter(Boolean);
  const strings = Array.isArray(own(location, 'accessibility'))
    ? (own(location, 'accessibility') as unknown[]).filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    : [];
  const all = [...new Set([...parts, ...strings.map((s) => s.trim())])];
  return all.length ? all.join('; ') : undefined;
}

/**
 * Languages from `languages` lists (of `{code, name}` in 3.0, `{language}` in 1.x, or strings
 * of names or codes) or a string, through the reader every format shares.
 */
function languagesOf(lists: unknown[], ctx: Context): string[] | undefined {
  const tags = new Set<string>();
  for (const list of lists) {
    for (const entry of typeof list === 'string' ? [list] : Array.isArray(list) ? list : []) {
      const read = entryLanguages(entry);
      for (const tag of read.tags) tags.add(tag);
      for (const item of read.unknown) {
        const label = str(item);
        if (label) ctx.unknownLanguages.add(label);
      }
      for (const { name, tag } of read.ambiguous) ctx.ambiguousLanguages.set(name, tag);
    }
  }
  return tags.size ? [...tags] : undefined;
}

/** The code when it reads as a language (it is exact), else the name. */
function entryLanguages(entry: unknown): ReadLanguages {
  if (!isObject(entry)) return readLanguages(entry);
  const code = str(own(entry, 'code'));
  const name = str(own(entry, 'name')) ?? str(own(entry, 'language'));
  const byCode = readLanguages(code);
  return byCode.tags.length || !name ? byCode : readLanguages(name);
}

/** Plain-language term names we can place without a type map. Checked in this order. */
const BUILT_IN_TYPES: [RegExp, ServiceType][] = [
  [/naloxone|narcan/i, 'naloxone'],
  [/naloxone vending|vending machine/i, 'naloxone-vending'],
  [/mail[- ]based|by mail|mail[- ]order/i, 'mail-based'],
  [/fentanyl test/i, 'fentanyl-test-strips'],
  [/xylazine test/i, 'xylazine-test-strips'],
  [/drug checking/i, 'drug-checking'],
  [/syringe|needle (?:exchange|distribution|program)|\bssp\b|\bnsp\b/i, 'syringe-services'],
  [/safer (?:use|smoking|injection|inhalation) (?:supplies|kits?)|harm reduction (?:supplies|kits?)/i, 'safer-use-supplies'],
  [/overdose prevention|supervised consumption|safe consumption|supervised injection/i, 'overdose-prevention-site'],
  [/drop[- ]in\b/i, 'drop-in'],
  [/treatment|recovery|opioid use disorder|medication for opioid/i, 'treatment'],
  [/wound care/i, 'wound-care'],
  [/\bhiv\b|hepatitis|testing/i, 'testing'],
];
/** "Fentanyl testing" is drug checking, not testing of a person. */
const DRUG_TESTS = new Set<ServiceType>(['fentanyl-test-strips', 'xylazine-test-strips', 'drug-checking']);

function builtInTypes(term: string): ServiceType[] {
  const found: ServiceType[] = [];
  for (const [pattern, type] of BUILT_IN_TYPES) {
    if (!pattern.test(term)) continue;
    if (type === 'testing' && found.some((t) => DRUG_TESTS.has(t))) continue;
    if (type === 'treatment' && found.includes('wound-care')) continue;
    found.push(type);
  }
  return found;
}

/** Taxonomy terms attached to these objects (3.0 `attributes`, and term lists of other versions). */
function termsOf(holder: Json): { names: string[]; codes: string[] }[] {
  const terms: { names: string[]; codes: string[] }[] = [];
  for (const key of ['attributes', 'taxonomy_terms', 'service_taxonomys', 'service_taxonomy', 'taxonomies']) {
    for (const item of objects(own(holder, key))) {
      const nested = own(item, 'taxonomy_term') ?? own(item, 'taxonomy_detail');
      const term = isObject(nested) ? nested : item;
      const names = [str(own(term, 'name')), str(own(term, 'term')), str(own(item, 'label'))].filter((s): s is string => !!s);
      const codes = [str(own(term, 'code'))].filter((s): s is string => !!s);
      if (names.length || codes.length) terms.push({ names, codes });
    }
  }
  return terms;
}

function readTypes(holders: Json[], ctx: Context): ServiceType[] {
  const types = new Set<ServiceType>();
  for (const holder of holders) {
    for (const { names, codes } of termsOf(holder)) {
      const mapped = [...names, ...codes].map((candidate) => ctx.typeMap.get(candidate.toLowerCase())).filter((t): t is string[] => !!t);
      if (mapped.length) {
        for (const target of mapped.flat()) {
          if (isServiceType(target)) types.add(target);
          else if (target) ctx.unknownTargets.add(target);
        }
        continue;
      }
      const found = names.flatMap(builtInTypes);
      if (found.length) found.forEach((type) => types.add(type));
      else ctx.unmappedTerms.add(names[0] ?? codes[0]);
    }
  }
  return [...types];
}

const FULL_DAY_CLOSES = new Set(['00:00', '23:59', '24:00']);
/** The date (YYYY-MM-DD) a schedule's date or date-time field starts with, if any. */
const isoDate = (value: unknown): string | undefined => str(value)?.match(/^\d{4}-\d{2}-\d{2}/)?.[0];

/** Today's date, YYYY-MM-DD, where the feed is read. */
const today = () => new Date().toISOString().slice(0, 10);

/** RFC 5545 frequencies other than WEEKLY, named as words; any other value is quoted. */
const RRULE_FREQS = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'MONTHLY', 'YEARLY']);

function isIanaZone(name: string): boolean {
  if (!/^(?:[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2}|UTC)$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

interface HoursFields {
  hours?: HoursRule[];
  open24h?: true;
  timezone?: string;
  hoursNote?: string;
}

/**
 * HSDS schedules (3.0 RRULE-style or 1.x/2.x `weekday` rows) → our weekly rules. A weekly
 * schedule that cannot be read leaves no rule at all: the others alone would call the service
 * closed on its days, when it may be open. The schedules are then the hours note, as written.
 */
function readSchedules(schedules: Json[], warn: (reason: string) => void): HoursFields {
  const notes: string[] = [];
  const intervals = new Map<string, Set<Weekday>>();
  const zones = new Set<string>();
  let offsetZone: unknown;
  // Weekly schedules without a description, as written, for the note should one be unreadable.
  const written: string[] = [];
  let misleads = false;
  const unreadable = (reason: string) => {
    warn(`${reason}; the hours are shown as written`);
    misleads = true;
  };

  for (const schedule of schedules) {
    const scheduleNotes = ['description', 'notes'].map((key) => str(own(schedule, key))).filter((note) => note !== undefined);
    const described = scheduleNotes.length > 0;
    const zone = own(schedule, 'timezone');
    if (typeof zone === 'string' && isIanaZone(zone.trim())) zones.add(zone.trim());
    else if (zone !== undefined && zone !== null && zone !== '') offsetZone = zone;

    const scheduleId = str(own(schedule, 'id'));
    const label = scheduleId ? `schedule ${quote(scheduleId)}` : 'a schedule';
    // HSDS 3.0 dates a schedule (a summer's hours, a pop-up's season): one that has ended or not begun does not apply today.
    const ended = [own(schedule, 'valid_to'), own(schedule, 'until')].map(isoDate).find((date) => date !== undefined && date < today());
    const begins = [own(schedule, 'valid_from'), own(schedule, 'dtstart')].map(isoDate).find((date) => date !== undefined && date > today());
    if (ended || begins) {
      // Nor is its description ("Summer hours", shown in December).
      warn(`${label} ${ended ? `ended on ${ended}` : `begins on ${begins}`}, so it is not in the hours`);
      continue;
    }
    for (const note of scheduleNotes) if (!notes.includes(note)) notes.push(note);
    const kept = described ? 'its description is kept in the hours note' : 'it has no description to show instead';
    const freq = str(own(schedule, 'freq'))?.toUpperCase();
    if (freq && freq !== 'WEEKLY') {
      const repeats = RRULE_FREQS.has(freq) ? `repeats ${freq.toLowerCase()}` : `has freq ${quote(freq)}`;
      warn(`${label} ${repeats}, which weekly hours cannot show; ${kept}`);
      continue;
    }
    const interval = Number(str(own(schedule, 'interval')) ?? 1);
    if (interval > 1) {
      warn(`${label} repeats every ${interval} weeks, which weekly hours cannot show; ${kept}`);
      continue;
    }

    const openText = own(schedule, 'opens_at');
    const closeText = own(schedule, 'closes_at');
    const byday = own(schedule, 'byday');
    const weekday = own(schedule, 'weekday');
    const dayValue = str(byday) !== undefined || (Array.isArray(byday) && byday.length > 0) ? byday : weekday;
    const hasDays = str(dayValue) !== undefined || Array.isArray(dayValue);
    if (!described) written.push(ruleAsWritten(dayValue, openText, closeText));
    // A schedule without times only carries its description (already in the note); one that
    // names days as well has hours the publisher meant to give, so say which field is empty.
    if (str(openText) === undefined && str(closeText) === undefined) {
      if (hasDays) unreadable(`${label} names days but has no opens_at or closes_at`);
      continue;
    }
    if (str(openText) === undefined || str(closeText) === undefined) {
      const [given, missing] = str(openText) === undefined ? ['closes_at', 'opens_at'] : ['opens_at', 'closes_at'];
      unreadable(`${label} has ${given} but no ${missing}`);
      continue;
    }
    if (!hasDays) {
      unreadable(`${label} has opening times but no days`);
      continue;
    }
    const days = parseDayList(typeof dayValue === 'number' ? [dayValue] : dayValue);
    if (!days) {
      unreadable(`${label}: could not read the days ${describe(dayValue)}`);
      continue;
    }
    const opens = parseClockTime(openText);
    let closes = parseClockTime(closeText);
    if (!opens || !closes || opens === '24:00') {
      const bad = opens && opens !== '24:00' ? closeText : openText;
      unreadable(`${label}: could not read the time ${describe(bad)}`);
      continue;
    }
    if (opens === '00:00' && FULL_DAY_CLOSES.has(closes)) closes = '24:00';
    else if (closes === '00:00') closes = '24:00';
    else if (opens === closes) {
      unreadable(`${label} opens and closes at ${opens}`);
      continue;
    }
    const key = `${opens}-${closes}`;
    const set = intervals.get(key) ?? new Set<Weekday>();
    days.forEach((day) => set.add(day));
    intervals.set(key, set);
  }
  if (misleads) {
    intervals.clear();
    const asWritten = written.filter(Boolean).join('; ');
    if (asWritten) notes.push(asWritten);
  }

  const result: HoursFields = {};
  const fullDays = intervals.get('00:00-24:00');
  if (fullDays && fullDays.size === 7) result.open24h = true;
  else if (intervals.size) {
    result.hours = [...intervals]
      .map(([key, days]) => ({ days: WEEKDAYS.filter((day) => days.has(day)), opens: key.slice(0, 5), closes: key.slice(6) }))
      .sort((a, b) => WEEKDAYS.indexOf(a.days[0]) - WEEKDAYS.indexOf(b.days[0]) || a.opens.localeCompare(b.opens));
  }
  if (zones.size) {
    const [first] = zones;
    result.timezone = first;
    if (zones.size > 1) warn(`schedules name several time zones (${listOf([...zones].map(describe))}); using ${describe(first)}`);
  } else if (offsetZone !== undefined) {
    warn(
      `schedule time zone ${describe(offsetZone)} is a UTC offset, not a place, and was left out; set the time zone (e.g. "America/Vancouver") in the field map`,
    );
  }
  // Each schedule's note a sentence of its own ("Starts in January. Every other Wednesday 10-12").
  if (notes.length) result.hoursNote = notes.map((note, i) => (i < notes.length - 1 && !/[.!?;:]$/.test(note) ? `${note}.` : note)).join(' ');
  return result;
}
