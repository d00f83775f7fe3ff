/**
 * Recognizes Open Referral (HSDS) JSON without loading the HSDS reader, which is fetched only
 * when a feed turns out to be HSDS.
 */
import { has, isObject, own, type Json } from '../text.js';

/** Keys only HSDS services carry; none of them is a field of our native feed. */
const HSDS_SERVICE_KEYS = [
  'service_at_locations',
  'organization',
  'organization_id',
  'program',
  'program_id',
  'alternate_name',
  'fees_description',
  'eligibility_description',
  'application_process',
  'interpretation_services',
  'assured_date',
  'cost_options',
  'service_areas',
  'attributes',
  'schedules',
  'regular_schedules',
  'required_documents',
];
const PAGE_KEYS = ['total_items', 'total_pages', 'page_number'];

function looksLikeService(item: unknown): boolean {
  if (!isObject(item)) return false;
  if (Array.isArray(own(item, 'service_at_locations'))) return true;
  return has(item, 'id') && has(item, 'name') && HSDS_SERVICE_KEYS.some((key) => has(item, key)) && !looksNative(item);
}

const looksNative = (item: Json): boolean => Array.isArray(own(item, 'types')) || has(item, 'lat') || has(item, 'lng');
export const looksLikeSalRow = (item: unknown): item is Json =>
  isObject(item) && isObject(own(item, 'service')) && (isObject(own(item, 'location')) || has(item, 'location_id'));

function looksLikeServiceList(items: unknown[]): boolean {
  const sample = items.slice(0, 20);
  return (
    sample.some((item) => looksLikeService(item) || looksLikeSalRow(item)) &&
    !sample.some((item) => isObject(item) && looksNative(item) && !looksLikeService(item))
  );
}

/**
 * True when the document is HSDS JSON: services with HSDS-only keys, an API page
 * (`contents` with `total_items`…), a service-at-location, or an organization with HSDS
 * services. A native feed, GeoJSON or a plain array of our records is never claimed.
 */
export function looksLikeHsds(doc: unknown): boolean {
  if (Array.isArray(doc)) return looksLikeServiceList(doc);
  if (!isObject(doc)) return false;
  const contents = own(doc, 'contents');
  if (Array.isArray(contents) && PAGE_KEYS.some((key) => has(doc, key))) return contents.length === 0 || looksLikeServiceList(contents);
  if (Array.isArray(own(doc, 'service_at_locations')) || looksLikeSalRow(doc)) return true;
  const services = own(doc, 'services');
  if (Array.isArray(services)) return !has(doc, 'version') && looksLikeServiceList(services);
  return looksLikeService(doc);
}
