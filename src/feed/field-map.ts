import { isServiceType, labelToType, typesInLabel, type ServiceType } from './service-types.js';
import { describe, listOf, own, quote, withoutAccents } from './text.js';
import { FeedFormatError, FLAG_NOTES, flagValue, splitList, UNPLACED } from './validate.js';
import { sameItems } from '../util/same-items.js';

/**
 * Tells the widget where a partner's data keeps our fields:
 * `{ "records": "data.pharmacies", "name": "PHARMACY NAME", "lat": "Y", "typeMap": { "Narcan": "naloxone" } }`.
 * Each field name maps to a column header or property key (dots reach into nested objects).
 */
export interface FieldMap {
  /** Where the array of records is in an arbitrary JSON document, as a dotted path. */
  records?: string;
  /** Partner categories or taxonomy terms → our types. */
  typeMap?: Record<string, string | string[]>;
  /** Values for fields a record leaves empty, e.g. `{"country": "US"}` for a national list. */
  defaults?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Our record fields that can be read from a partner's column or key. */
export const FIELDS = [
  'id',
  'name',
  'lat',
  'lng',
  'types',
  'address',
  // After address: a "location" column is the address when it is the only one, else the position.
  'coordinates',
  'street',
  'city',
  'region',
  'postalCode',
  'country',
  'phone',
  'website',
  'email',
  'description',
  'hours',
  'open24h',
  'timezone',
  'hoursNote',
  'cost',
  'noIdRequired',
  'walkIn',
  'anonymous',
  'appointmentRequired',
  'languages',
  'peerRun',
  'accessibility',
  'lastVerified',
  'status',
] as const;

export type Field = (typeof FIELDS)[number];

/**
 * Column names seen in real published directories, in English, French and Spanish, compared
 * without case, accents, spaces or punctuation ("Latitude", "LAT", "lat_dd" all match `lat`).
 */
const ALIASES: Partial<Record<Field, string[]>> = {
  id: ['id', 'identifier', 'uid', 'objectid', 'fid', 'siteid', 'locationid', 'recordid', 'identifiant', 'identificador'],
  name: [
    'name',
    'name1',
    'title',
    'sitename',
    'locationname',
    'facilityname',
    'facility',
    'organization',
    'organisation',
    'pharmacyname',
    'pharmacy',
    'agency',
    'provider',
    'program',
    'providername',
    'agencyname',
    'organizationname',
    'programname',
    'site',
    'nom',
    'nomdusite',
    'nomdelorganisme',
    'organisme',
    'etablissement',
    'nombre',
    'nombredelsitio',
    'organizacion',
    'establecimiento',
  ],
  lat: ['lat', 'latitude', 'y', 'latdd', 'ycoord', 'ycoordinate', 'geolat', 'latitud'],
  lng: ['lng', 'lon', 'long', 'longitude', 'x', 'londd', 'xcoord', 'xcoordinate', 'geolng', 'geolon', 'longitud'],
  // One value holding both, as portals export a location column (validate.ts, positionIn).
  coordinates: [
    'coordinates',
    'coords',
    'geolocation',
    'geocodedlocation',
    'geocodedcolumn',
    'georeference',
    'geopoint',
    'geometry',
    'point',
    'latlng',
    'latlon',
    'latlong',
    'latitudelongitude',
    'thegeom',
    'geom',
    'wkt',
    'mappedlocation',
    'location',
    // Socrata names a portal's first location column so.
    'location1',
  ],
  types: [
    'types',
    'type',
    'servicetypes',
    'services',
    'categories',
    'category',
    'servicetype',
    'servicecategory',
    'servicesoffered',
    'servicesprovided',
    'servicesavailable',
    'offerings',
    'typedeservice',
    'typesdeservices',
    'tipo',
    'tipos',
    'servicios',
    'categorie',
    'categoria',
  ],
  address: ['address', 'fulladdress', 'location', 'adresse', 'direccion', 'domicilio'],
  street: ['street', 'street1', 'streetaddress', 'address1', 'addressline1', 'addr1', 'addr', 'rue', 'calle'],
  city: ['city', 'town', 'municipality', 'locality', 'ville', 'municipalite', 'ciudad', 'municipio'],
  region: ['region', 'state', 'province', 'stateprovince', 'st', 'prov', 'etat', 'provincia', 'estado'],
  postalCode: ['postalcode', 'postcode', 'zip', 'zipcode', 'postal', 'zip5', 'codepostal', 'codigopostal', 'cp'],
  country: ['country', 'countrycode', 'pays', 'pais'],
  phone: ['phone', 'telephone', 'phonenumber', 'tel', 'contactphone', 'numerodetelephone', 'telefono', 'numerodetelefono'],
  website: ['website', 'url', 'web', 'homepage', 'link', 'siteweb', 'siteinternet', 'sitioweb', 'paginaweb'],
  email: ['email', 'emailaddress', 'mail', 'courriel', 'correo', 'correoelectronico'],
  description: ['description', 'details', 'notes', 'info', 'comments', 'about', 'remarques', 'commentaires', 'descripcion', 'notas', 'comentarios'],
  hours: ['hours', 'openinghours', 'schedule', 'hoursofoperation', 'heures', 'horaire', 'horaires', 'heuresdouverture', 'horario', 'horarios', 'horas'],
  open24h: ['open24h', 'open24hours', '24hours', '247'],
  timezone: ['timezone', 'tz', 'timezoneid'],
  hoursNote: ['hoursnote', 'hoursnotes'],
  cost: ['cost', 'fees', 'fee', 'price', 'cout', 'frais', 'prix', 'costo', 'precio'],
  noIdRequired: ['noidrequired', 'noid'],
  walkIn: ['walkin', 'walkins', 'dropin', 'walkinsaccepted', 'walkinaccepted', 'walkinswelcome'],
  anonymous: ['anonymous'],
  appointmentRequired: ['appointmentrequired', 'appointment', 'byappointment'],
  languages: ['languages', 'language', 'languagesspoken', 'langues', 'langue', 'idiomas', 'idioma'],
  peerRun: ['peerrun', 'peerled'],
  accessibility: ['accessibility', 'wheelchairaccess', 'accessible', 'accessibilite', 'accesibilidad'],
  lastVerified: ['lastverified', 'verified', 'lastupdated', 'updated', 'dateverified'],
  status: ['status'],
};

/** Headers that say an ID is required, the opposite of noIdRequired, squashed as ALIASES are. */
const ID_REQUIRED = ['idrequired', 'requiresid', 'idneeded', 'photoidrequired', 'identificationrequired'];

// Accents dropped too: "Téléphone", "Dirección" and "Código postal" match as their plain letters.
const squash = (key: string) =>
  withoutAccents(key)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

export type Resolver = (record: Record<string, unknown>) => Record<string, unknown>;

function pathGet(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = own(current, part);
  }
  return current;
}

/** Checks a field map given as JSON text or object; explains exactly what is wrong. */
export function readFieldMap(value: unknown): FieldMap {
  let map = value;
  if (typeof value === 'string') {
    try {
      map = JSON.parse(value);
    } catch (error) {
      throw new FeedFormatError(`"field-map" is not valid JSON (${(error as Error).message}).`);
    }
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw new FeedFormatError(`"field-map" must be a JSON object, got ${describe(map)}.`);
  const result: FieldMap = {};
  for (const [key, target] of Object.entries(map)) {
    if (key === 'defaults') {
      if (typeof target !== 'object' || target === null || Array.isArray(target))
        throw new FeedFormatError('"field-map" defaults must be an object of "field": value.');
      const unknown = Object.keys(target).filter((f) => !(FIELDS as readonly string[]).includes(f) || f === 'id');
      if (unknown.length)
        throw new FeedFormatError(`"field-map" defaults has unknown field${unknown.length > 1 ? 's' : ''} ${listOf(unknown.map((f) => quote(f)))}.`);
      result.defaults = { ...target } as Record<string, unknown>;
    } else if (key === 'typeMap') {
      if (typeof target !== 'object' || target === null || Array.isArray(target))
        throw new FeedFormatError('"field-map" typeMap must be an object of "partner term": "our-type".');
      result.typeMap = target as Record<string, string | string[]>;
    } else if (key === 'records' || (FIELDS as readonly string[]).includes(key)) {
      if (typeof target !== 'string' || !target) throw new FeedFormatError(`"field-map" ${key} must name a column or key, got ${describe(target)}.`);
      result[key] = target;
    } else {
      throw new FeedFormatError(`"field-map" has an unknown field ${quote(key)}; known fields: records, typeMap, defaults, ${FIELDS.join(', ')}.`);
    }
  }
  return result;
}

/** The type map as lower-cased terms → our types; reports targets that are not our types. */
export function readTypeMap(map: FieldMap | undefined): Map<string, ServiceType[]> | undefined {
  if (!map?.typeMap) return undefined;
  const result = new Map<string, ServiceType[]>();
  for (const [term, target] of Object.entries(map.typeMap)) {
    const targets = (Array.isArray(target) ? target : [target]).map((t) => (typeof t === 'string' ? labelToType(t) : undefined));
    if (targets.some((t) => !t || !isServiceType(t))) {
      throw new FeedFormatError(`"field-map" typeMap maps ${describe(term)} to ${describe(target)}, which is not one of our types.`);
    }
    result.set(term.trim().toLowerCase(), targets as ServiceType[]);
  }
  return result;
}

/**
 * Whether `fieldResolver(map)` reads a record's own `id`, `lat` and `lng`, where it has them, as
 * they are: true when the map names no field. Then each of those is read from its own key before
 * any alias, no field before it has an alias those keys take, and defaults fill only what is
 * missing. A preview may then rank a record that has them without resolving it (preview.ts).
 */
export const keepsOwnPlace = (map: FieldMap = {}): boolean => !FIELDS.some((field) => typeof map[field] === 'string');

/** Sets of keys `fieldResolver` compares a record's with before it builds a signature. */
const RECENT_PLANS = 8;

/**
 * Builds a function that renames a partner record's keys to our fields: the field map
 * first, then the exact field name, then known aliases. The key lookup is worked out once
 * per distinct set of keys (every CSV row shares one), not once per record. A record whose
 * keys are our fields already (a native feed) is returned as it is, not copied.
 */
export function fieldResolver(map: FieldMap = {}): Resolver {
  const cache = new Map<string, Plan>();
  const explicit = FIELDS.filter((f) => typeof map[f] === 'string').map((f) => [f, map[f] as string] as [Field, string]);
  const defaults = Object.entries(map.defaults ?? {});
  // A feed's records nearly always have one of a few sets of keys (optional fields left out):
  // the last few seen are compared without building a signature. A feed whose records take
  // turns among four sets of keys took 0.15 s more per 100,000 records with the last one alone.
  const recent: { keys: string[]; plan: Plan }[] = [];
  let oldest = 0;
  const planFor = (keys: string[]): Plan => {
    for (const seen of recent) if (sameItems(keys, seen.keys)) return seen.plan;
    const signature = keys.join('\u0000');
    let plan = cache.get(signature);
    if (!plan) {
      const bySquashed = new Map<string, string>();
      for (const key of keys) if (!bySquashed.has(squash(key))) bySquashed.set(squash(key), key);
      // A note in brackets after a header ("Latitude (decimal)", "Phone (main)") does not hide it.
      for (const key of keys) {
        const end = key.trimEnd();
        const open = end.endsWith(')') ? end.lastIndexOf('(') : end.endsWith(']') ? end.lastIndexOf('[') : -1;
        const bare = open > 0 ? squash(end.slice(0, open)) : '';
        if (bare && !bySquashed.has(bare)) bySquashed.set(bare, key);
      }
      const taken = new Set(explicit.map(([f]) => f));
      const pairs = [...explicit];
      for (const field of FIELDS) {
        if (taken.has(field)) continue;
        const key = keys.includes(field) ? field : (ALIASES[field] ?? []).map((a) => bySquashed.get(a)).find((k) => k !== undefined);
        if (key !== undefined && !pairs.some(([, used]) => used === key)) pairs.push([field, key]);
      }
      // Columns named for one of our types ("Naloxone", "FTS available"), for the rows that mark them yes.
      const flags: [string, ServiceType][] = [];
      for (const key of keys) {
        const type = pairs.some(([, used]) => used === key) ? undefined : flagType(key);
        if (type) flags.push([key, type]);
      }
      // Validation reads only our fields, each as an own property: the record itself reads the same as its copy.
      // "ID required" says the opposite of noIdRequired: a yes there is a no here.
      const opposite = pairs.some(([field]) => field === 'noIdRequired') ? undefined : ID_REQUIRED.map((a) => bySquashed.get(a)).find((k) => k !== undefined);
      plan = { pairs, flags, opposite, same: !defaults.length && !flags.length && !opposite && pairs.every(([field, key]) => field === key) };
      cache.set(signature, plan);
    }
    recent[recent.length < RECENT_PLANS ? recent.length : oldest++ % RECENT_PLANS] = { keys, plan };
    return plan;
  };
  return (record) => {
    const plan = planFor(Object.keys(record));
    if (plan.same) return record;
    const out: Record<string, unknown> = {};
    for (const [field, key] of plan.pairs) {
      const value = key.includes('.') && !Object.prototype.hasOwnProperty.call(record, key) ? pathGet(record, key) : own(record, key);
      if (value !== undefined) out[field] = value;
    }
    if (plan.flags.length) {
      const marked: ServiceType[] = [];
      for (const [key, type] of plan.flags) {
        const value = own(record, key);
        const yes = flagValue(value);
        if (yes) marked.push(type);
        else if (yes === undefined) {
          ((out as { [FLAG_NOTES]?: string[] })[FLAG_NOTES] ??= []).push(
            `column ${describe(key)} says ${describe(value)}, neither yes nor no, so it does not give the type "${type}" (write yes or no)`,
          );
        }
      }
      if (marked.length) out['types'] = [...(splitList(out['types']) ?? []), ...marked];
    }
    if (plan.opposite !== undefined) {
      const value = own(record, plan.opposite);
      const yes = value === '' || value === undefined || value === null ? undefined : flagValue(value);
      if (yes !== undefined) out['noIdRequired'] = !yes;
    }
    for (const [field, value] of defaults) {
      if (out[field] === undefined || out[field] === null || out[field] === '') out[field] = value;
    }
    // A format reader's word on why the record has no place goes with it.
    const unplaced = (record as { [UNPLACED]?: string })[UNPLACED];
    if (unplaced) (out as { [UNPLACED]?: string })[UNPLACED] = unplaced;
    return out;
  };
}

/** Where each of our fields is in a record with a given set of keys, and whether every one is where its name says. */
interface Plan {
  pairs: [Field, string][];
  /** Columns named for a type: a row that marks one yes has that type. */
  flags: [string, ServiceType][];
  /** An "ID required" column, read the other way round as noIdRequired. */
  opposite?: string;
  same: boolean;
}

/**
 * The type a column is named for, "Narcan", "Fentanyl test strips", "Naloxona" or "SSP (Y/N)",
 * with "available", "offered"… after it: one type, or none when its words name several.
 */
const flagType = (key: string) => {
  const types = typesInLabel(
    key
      .toLowerCase()
      .replace(/[^\p{L}\p{N}-]+/gu, ' ')
      .trim()
      .replace(/ (y n|available|offered|provided|on ?site)$/, ''),
  );
  return types.length === 1 ? types[0] : undefined;
};

/** The records array of an arbitrary JSON document at the field map's `records` path. */
export function recordsAt(doc: unknown, path: string): unknown[] {
  const found = pathGet(doc, path);
  if (!Array.isArray(found))
    throw new FeedFormatError(
      `"field-map" records path ${quote(path)} ${found === undefined ? 'was not found in the document' : `is ${describe(found)}, not an array`}.`,
    );
  return found;
}
