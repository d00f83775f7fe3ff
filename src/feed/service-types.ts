/**
 * The type vocabulary of feed version 1. Order matters: it is the order in which an item's
 * labels are shown, naloxone first.
 */
export const SERVICE_TYPES = [
  'naloxone',
  'naloxone-vending',
  'mail-based',
  'fentanyl-test-strips',
  'xylazine-test-strips',
  'drug-checking',
  'syringe-services',
  'safer-use-supplies',
  'overdose-prevention-site',
  'drop-in',
  'treatment',
  'testing',
  'wound-care',
] as const;

export type ServiceType = (typeof SERVICE_TYPES)[number];

const KNOWN = new Set<string>(SERVICE_TYPES);

export function isServiceType(value: unknown): value is ServiceType {
  return typeof value === 'string' && KNOWN.has(value);
}

/** Sorts types into vocabulary order so every item reads the same way. */
export function sortTypes(types: readonly ServiceType[]): ServiceType[] {
  return [...types].sort((a, b) => SERVICE_TYPES.indexOf(a) - SERVICE_TYPES.indexOf(b));
}
