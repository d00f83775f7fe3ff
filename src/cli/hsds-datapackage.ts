import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { DEFAULT_MAX_BYTES } from '../feed/fetch-feed.js';
import { FeedFormatError } from '../feed/validate.js';
import { decodeFeed } from '../feed/parse-feed.js';
import { isObject, type Json } from '../feed/text.js';
import { readFileCapped, TooLargeError, type SizeLimit } from './read-input.js';

/**
 * Reads an Open Referral HSDS tabular data package (a folder of CSVs, HSDS 1.x–3.x) and joins
 * it into HSDS 3.0-shaped JSON for `readHsds`. Node only (the `convert` command).
 */

export interface HsdsDataPackage {
  /** Services with nested `service_at_locations` → `location`, as HSDS 3.0 JSON nests them: pass to `readHsds`. */
  doc: Record<string, unknown>[];
  /**
   * Problems `readHsds` cannot see: missing or unreadable files, links that lead outside the
   * folder, CSV syntax errors, rows that link to ids that are not in the package. Rows are
   * numbered as in a spreadsheet (the header is row 1). A link from a service-at-location to
   * a missing location is left for `readHsds`, which reports it against the record.
   */
  warnings: string[];
  /** The HSDS version datapackage.json declares, when it declares one. */
  version?: string;
}

type Row = Map<string, string>;

/** The tables we use, by resource name or file name; HSDS renamed several between versions. */
const TABLES = {
  organizations: ['organization', 'organizations'],
  services: ['service', 'services'],
  locations: ['location', 'locations'],
  serviceAtLocations: ['service_at_location', 'service_at_locations', 'services_at_location', 'services_at_locations'],
  addresses: ['address', 'addresses'],
  physicalAddresses: ['physical_address', 'physical_addresses'],
  postalAddresses: ['postal_address', 'postal_addresses'],
  phones: ['phone', 'phones'],
  schedules: ['schedule', 'schedules', 'regular_schedule', 'regular_schedules'],
  // 1.x service_taxonomy; 2.x service_attributes (service_id, taxonomy_term_id).
  serviceTaxonomy: ['service_taxonomy', 'services_taxonomy', 'service_taxonomies', 'services_taxonomies', 'service_attribute', 'service_attributes'],
  taxonomyTerms: ['taxonomy_term', 'taxonomy_terms'],
  // 3.0 attributes (link_entity); 2.x other_attributes name the table in link_type.
  attributes: ['attribute', 'attributes', 'other_attribute', 'other_attributes'],
  languages: ['language', 'languages'],
  accessibility: ['accessibility', 'accessibility_for_disabilities'],
  costOptions: ['cost_option', 'cost_options'],
} as const;
type TableKey = keyof typeof TABLES;

/** HSDS 1.x keeps its terms in taxonomy.csv; 3.0's taxonomies.csv lists vocabularies, which we do not need. */
const fileAliases = (key: TableKey): readonly string[] => (key === 'taxonomyTerms' ? [...TABLES[key], 'taxonomy'] : TABLES[key]);

interface Table {
  file: string;
  rows: Row[];
}

export interface ReadOptions {
  /** Each file's size limit; a larger file stops the whole read with TooLargeError. */
  limit: SizeLimit;
}

/** Real exports (Open Referral's among them) often keep the CSVs here while datapackage.json names them bare. */
const DATA_FOLDER = 'data';

/** The package folder: where it is as given, and where it really is, for telling what lies inside. */
interface Folder {
  root: string;
  real: string;
}

export async function readHsdsDataPackage(folder: string, options: ReadOptions = { limit: { bytes: DEFAULT_MAX_BYTES } }): Promise<HsdsDataPackage> {
  const warnings: string[] = [];
  const root = path.resolve(folder);
  let names: string[];
  let real: string;
  try {
    names = await readdir(root);
    real = await realpath(root);
  } catch (error) {
    throw new FeedFormatError(`cannot read the HSDS data package folder ${folder}: ${(error as Error).message}`);
  }
  const dir = { root, real };
  const { files, version } = await locateTables(dir, names, warnings, options);
  if (!Object.values(files).some((list) => list.length)) {
    throw new FeedFormatError(`${folder} is not an HSDS data package: it has no datapackage.json resources or CSVs such as services.csv and locations.csv.`);
  }
  const tables = {} as Record<TableKey, Table[]>;
  for (const key of Object.keys(TABLES) as TableKey[]) {
    tables[key] = [];
    for (const file of files[key]) {
      const table = await readCsv(file, warnings, options);
      if (table) tables[key].push(table);
    }
  }
  const doc = join(tables, warnings);
  return { doc, warnings, ...(version ? { version } : {}) };
}

/** A file to read: its name in messages (relative to the folder) and its real path, inside the folder. */
interface PackageFile {
  name: string;
  real: string;
}

/**
 * The file's real path when it is a file whose real path lies inside the folder's; 'outside'
 * when a link (the file's own or a folder's on the way) leads out of it; undefined when missing.
 */
async function resolveInside(dir: Folder, relative: string): Promise<string | 'outside' | undefined> {
  let real: string;
  try {
    real = await realpath(path.join(dir.root, relative));
  } catch {
    return undefined;
  }
  const inside = path.relative(dir.real, real);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return 'outside';
  return (await isFile(real)) ? real : undefined;
}

const outsideWarning = (name: string, then = 'not read') => `${name} is a link that leads outside the package folder; ${then}`;

/** Finds each table's files: datapackage.json resources first, conventional file names otherwise. */
async function locateTables(dir: Folder, names: string[], warnings: string[], options: ReadOptions) {
  const files = {} as Record<TableKey, PackageFile[]>;
  for (const key of Object.keys(TABLES) as TableKey[]) files[key] = [];
  const used = new Set<string>();
  // Names the manifest led to already, so a link out of the folder is reported once.
  const tried = new Set<string>();
  const add = (key: TableKey, file: PackageFile): void => {
    if (used.has(file.real)) return;
    used.add(file.real);
    files[key].push(file);
  };
  let version: string | undefined;

  const manifest = names.find((name) => name.toLowerCase() === 'datapackage.json');
  const manifestPath = manifest && (await resolveInside(dir, manifest));
  if (manifestPath === 'outside') warnings.push(outsideWarning(manifest as string, 'looking for the usual CSV file names instead'));
  else if (manifestPath) {
    let descriptor: unknown;
    try {
      descriptor = JSON.parse((await readFileCapped(manifestPath, options.limit, manifest)).toString('utf8'));
    } catch (error) {
      if (error instanceof TooLargeError) throw error;
      warnings.push(`datapackage.json could not be read (${(error as Error).message}); looking for the usual CSV file names instead`);
    }
    if (isObject(descriptor)) {
      if (typeof descriptor['version'] === 'string') version = descriptor['version'];
      const resources = Array.isArray(descriptor['resources']) ? descriptor['resources'] : [];
      for (const resource of resources) {
        if (!isObject(resource)) continue;
        const name = typeof resource['name'] === 'string' ? resource['name'].toLowerCase() : '';
        const paths = (Array.isArray(resource['path']) ? resource['path'] : [resource['path']]).filter((p): p is string => typeof p === 'string');
        for (const resourcePath of paths) {
          const base = path
            .basename(resourcePath)
            .toLowerCase()
            .replace(/\.csv$/, '');
          const key = (Object.keys(TABLES) as TableKey[]).find((k) => (TABLES[k] as readonly string[]).includes(name) || fileAliases(k).includes(base));
          if (!key) continue;
          const file = safeRelative(dir.root, resourcePath);
          if (!file) {
            warnings.push(`datapackage.json resource "${resource['name']}" points outside the folder (${resourcePath}); not read`);
            continue;
          }
          const found = await findListed(dir, file);
          if (found) tried.add(found.name);
          if (found === undefined) warnings.push(`datapackage.json lists ${resourcePath}, which is missing`);
          else if (found.real === 'outside') warnings.push(outsideWarning(found.name));
          else add(key, { name: found.name, real: found.real });
        }
      }
    }
  }

  // Tables datapackage.json does not list (or every table, without one) by their usual names,
  // in the folder itself or else in its data/ folder.
  const listed = new Set((Object.keys(TABLES) as TableKey[]).filter((key) => files[key].length));
  const dataNames = names.includes(DATA_FOLDER) ? await readdir(path.join(dir.root, DATA_FOLDER)).catch(() => [] as string[]) : [];
  for (const [prefix, folderNames] of [
    ['', names],
    [`${DATA_FOLDER}/`, dataNames],
  ] as const) {
    const found = new Set<TableKey>();
    for (const name of [...folderNames].sort()) {
      const lower = name.toLowerCase();
      if (!lower.endsWith('.csv')) continue;
      const base = lower.slice(0, -4);
      const key = (Object.keys(TABLES) as TableKey[]).find((k) => fileAliases(k).includes(base));
      if (!key || listed.has(key) || tried.has(`${prefix}${name}`)) continue;
      const real = await resolveInside(dir, `${prefix}${name}`);
      if (real === 'outside') warnings.push(outsideWarning(`${prefix}${name}`));
      else if (real) {
        add(key, { name: `${prefix}${name}`, real });
        found.add(key);
      }
    }
    found.forEach((key) => listed.add(key));
  }
  for (const key of ['services', 'locations', 'serviceAtLocations'] as const) {
    if (!files[key].length)
      warnings.push(
        `no ${TABLES[key][1]} table (${fileAliases(key)
          .map((a) => `${a}.csv`)
          .join(' or ')}) in the package`,
      );
  }
  return { files, version };
}

/** A listed file where datapackage.json says, or else under data/; undefined when in neither. */
async function findListed(dir: Folder, file: string): Promise<{ name: string; real: string } | undefined> {
  const places = file.split(path.sep)[0] === DATA_FOLDER ? [file] : [file, path.join(DATA_FOLDER, file)];
  for (const place of places) {
    const real = await resolveInside(dir, place);
    if (real) return { name: place.split(path.sep).join('/'), real };
  }
  return undefined;
}

/** The path relative to root, or undefined for URLs and anything that climbs out of root. */
function safeRelative(root: string, resourcePath: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(resourcePath)) return undefined;
  const full = path.resolve(root, resourcePath);
  const relative = path.relative(root, full);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function readCsv({ name: file, real }: PackageFile, warnings: string[], options: ReadOptions): Promise<Table | undefined> {
  let text: string;
  try {
    // As a feed is decoded: UTF-8, else (a spreadsheet saved so) Windows-1252, said in a warning.
    const decoded = await decodeFeed(await readFileCapped(real, options.limit, file), undefined, true);
    if (decoded.encoding === 'windows-1252')
      warnings.push(`${file} is not UTF-8; it was read as Windows-1252. Save it as UTF-8 to be sure every character shows right.`);
    text = decoded.text;
  } catch (error) {
    if (error instanceof TooLargeError) throw error;
    warnings.push(`${file} could not be read: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: 'greedy' });
  parsed.errors.slice(0, 5).forEach((error) => warnings.push(`${file}${error.row === undefined ? '' : ` row ${error.row + 1}`}: ${error.message}`));
  if (parsed.errors.length > 5) warnings.push(`${file}: ${parsed.errors.length - 5} more CSV problems`);
  const [header, ...data] = parsed.data;
  if (!header) return { file, rows: [] };
  const columns = header.map((column) => column.trim().toLowerCase());
  // Maps, not objects: column names come from the file and must never become object keys.
  const rows = data.map((cells) => {
    const row: Row = new Map();
    columns.forEach((column, i) => {
      const value = cells[i]?.trim();
      if (column && value && !row.has(column)) row.set(column, value);
    });
    return row;
  });
  return { file, rows };
}

/** Copies the listed columns that have a value, under names we choose. */
function pick(row: Row, columns: readonly string[]): Json {
  const out: Json = {};
  for (const column of columns) {
    const value = row.get(column);
    if (value !== undefined) out[column] = value;
  }
  return out;
}

const list = (obj: Json, key: string): Json[] => obj[key] as Json[];

function join(tables: Record<TableKey, Table[]>, warnings: string[]): Json[] {
  const each = (key: TableKey, visit: (row: Row, where: string) => void): void => {
    for (const table of tables[key]) table.rows.forEach((row, i) => visit(row, `${table.file} row ${i + 2}`));
  };

  const organizations = new Map<string, Json>();
  each('organizations', (row) => {
    const id = row.get('id');
    if (!id || organizations.has(id)) return;
    const website = row.get('website') ?? row.get('url');
    organizations.set(id, { ...pick(row, ['id', 'name', 'email']), ...(website ? { website } : {}) });
  });

  const services = new Map<string, Json>();
  const order: Json[] = [];
  each('services', (row, where) => {
    const id = row.get('id');
    if (id && services.has(id)) {
      warnings.push(`${where}: service id "${id}" appears again; this row is not read`);
      return;
    }
    const service: Json = {
      ...pick(row, ['id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'fees_description', 'fees', 'assured_date', 'last_modified']),
      service_at_locations: [],
      phones: [],
      schedules: [],
      languages: [],
      attributes: [],
      cost_options: [],
    };
    const orgId = row.get('organization_id');
    if (orgId) {
      const organization = organizations.get(orgId);
      if (organization) service['organization'] = organization;
      else if (tables.organizations.length) warnings.push(`${where}: organization "${orgId}" is not in the organizations table`);
    }
    // A row without an id stays in: readHsds reports it as skipped, with its position.
    if (id) services.set(id, service);
    order.push(service);
  });

  const locations = new Map<string, Json>();
  each('locations', (row, where) => {
    const id = row.get('id');
    if (!id || locations.has(id)) {
      warnings.push(`${where}: ${id ? `location id "${id}" appears again` : 'location has no id'}; this row is not read`);
      return;
    }
    locations.set(id, {
      ...pick(row, ['id', 'name', 'latitude', 'longitude']),
      addresses: [],
      phones: [],
      schedules: [],
      languages: [],
      accessibility: [],
      attributes: [],
    });
  });

  const sals = new Map<string, Json>();
  const salsByPair = new Map<string, Json>();
  each('serviceAtLocations', (row, where) => {
    const serviceId = row.get('service_id');
    const service = serviceId ? services.get(serviceId) : undefined;
    if (!service) {
      warnings.push(`${where}: ${serviceId ? `service "${serviceId}" is not in the services table` : 'no service_id'}; this link is not read`);
      return;
    }
    const id = row.get('id');
    const locationId = row.get('location_id');
    const location = locationId ? locations.get(locationId) : undefined;
    const sal: Json = {
      ...pick(row, ['id', 'location_id']),
      ...(location ? { location } : {}),
      phones: [],
      schedules: [],
      attributes: [],
    };
    list(service, 'service_at_locations').push(sal);
    if (id) sals.set(id, sal);
    if (locationId) salsByPair.set(`${serviceId}\u0000${locationId}`, sal);
  });

  /** The most specific thing a row belongs to: service-at-location, then location, then service. */
  const owner = (row: Row, kinds: readonly ('sal' | 'location' | 'service')[]): Json | undefined => {
    const serviceId = row.get('service_id');
    const locationId = row.get('location_id');
    for (const kind of kinds) {
      let found: Json | undefined;
      if (kind === 'sal') {
        const salId = row.get('service_at_location_id');
        found = (salId ? sals.get(salId) : undefined) ?? (serviceId && locationId ? salsByPair.get(`${serviceId}\u0000${locationId}`) : undefined);
      } else if (kind === 'location') found = locationId ? locations.get(locationId) : undefined;
      else found = serviceId ? services.get(serviceId) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  const linksNowhere = (row: Row, where: string, what: string): void => {
    const ids = ['service_at_location_id', 'location_id', 'service_id'].filter((column) => row.has(column)).map((column) => `${column} "${row.get(column)}"`);
    if (ids.length) warnings.push(`${where}: ${what} links to ${ids.join(', ')}, none of which is in the package; not read`);
  };

  const addressTables = [
    ['addresses', undefined],
    ['physicalAddresses', 'physical'],
    ['postalAddresses', 'postal'],
  ] as const;
  for (const [key, type] of addressTables) {
    each(key, (row, where) => {
      const location = owner(row, ['location']);
      if (!location) return linksNowhere(row, where, 'address');
      const address = pick(row, [
        'address_1',
        'address_2',
        'address_3',
        'address_4',
        'city',
        'region',
        'state_province',
        'postal_code',
        'country',
        'address_type',
      ]);
      if (type) address['address_type'] = type;
      list(location, 'addresses').push(address);
    });
  }

  each('phones', (row, where) => {
    // Phones of organizations and contacts only are not shown.
    if (!row.has('service_at_location_id') && !row.has('location_id') && !row.has('service_id')) return;
    const target = owner(row, ['sal', 'location', 'service']);
    if (!target) return linksNowhere(row, where, 'phone');
    list(target, 'phones').push(pick(row, ['id', 'number', 'extension', 'type']));
  });

  each('schedules', (row, where) => {
    const target = owner(row, ['sal', 'location', 'service']);
    if (!target) return linksNowhere(row, where, 'schedule');
    list(target, 'schedules').push(
      pick(row, ['id', 'freq', 'interval', 'byday', 'weekday', 'opens_at', 'closes_at', 'description', 'notes', 'timezone', 'valid_from', 'valid_to']),
    );
  });

  each('languages', (row, where) => {
    if (!row.has('location_id') && !row.has('service_id')) return;
    const target = owner(row, ['service', 'location']);
    if (!target) return linksNowhere(row, where, 'language');
    const name = row.get('name') ?? row.get('language');
    const code = row.get('code');
    list(target, 'languages').push({ ...(name ? { name } : {}), ...(code ? { code } : {}) });
  });

  each('accessibility', (row, where) => {
    const location = owner(row, ['location']);
    if (!location) return linksNowhere(row, where, 'accessibility entry');
    list(location, 'accessibility').push(pick(row, ['description', 'details', 'accessibility']));
  });

  each('costOptions', (row, where) => {
    const service = owner(row, ['service']);
    if (!service) return linksNowhere(row, where, 'cost option');
    list(service, 'cost_options').push(pick(row, ['option', 'amount', 'currency', 'amount_description']));
  });

  const terms = new Map<string, Json>();
  each('taxonomyTerms', (row) => {
    const id = row.get('id');
    const name = row.get('name') ?? row.get('term');
    if (!id || terms.has(id)) return;
    terms.set(id, { id, ...(name ? { name } : {}), ...pick(row, ['code']) });
  });
  const term = (id: string | undefined, fallbackName: string | undefined, where: string): Json | undefined => {
    const found = id ? terms.get(id) : undefined;
    if (found) return found;
    if (id) warnings.push(`${where}: taxonomy term "${id}" is not in the package${fallbackName ? `; using "${fallbackName}"` : ''}`);
    return fallbackName ? { name: fallbackName } : undefined;
  };

  each('serviceTaxonomy', (row, where) => {
    const service = owner(row, ['service']);
    if (!service) return linksNowhere(row, where, 'taxonomy link');
    const found = term(row.get('taxonomy_id') ?? row.get('taxonomy_term_id'), row.get('taxonomy_detail'), where);
    if (found) list(service, 'attributes').push({ taxonomy_term: found });
  });

  each('attributes', (row, where) => {
    const linkId = row.get('link_id');
    const entity = (row.get('link_entity') ?? row.get('link_type'))?.toLowerCase();
    const candidates =
      entity === 'service' ? [services] : entity === 'location' ? [locations] : entity === 'service_at_location' ? [sals] : [services, locations, sals];
    const target = linkId ? candidates.map((map) => map.get(linkId)).find(Boolean) : undefined;
    if (!target) {
      if (linkId && entity !== 'organization') warnings.push(`${where}: attribute links to "${linkId}", which is not in the package; not read`);
      return;
    }
    const found = term(row.get('taxonomy_term_id'), row.get('label'), where);
    if (found) list(target, 'attributes').push({ taxonomy_term: found });
  });

  return order.map(tidy);
}

/** Drops the empty lists the join prepared, so the JSON reads like a publisher's. */
function tidy(service: Json): Json {
  const prune = (obj: Json, keep: string[] = []): Json => {
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      if (Array.isArray(value) && value.length === 0 && !keep.includes(key)) delete obj[key];
    }
    return obj;
  };
  prune(service, ['service_at_locations']);
  for (const sal of list(service, 'service_at_locations')) {
    prune(sal);
    if (isObject(sal['location'])) prune(sal['location']);
  }
  return service;
}
