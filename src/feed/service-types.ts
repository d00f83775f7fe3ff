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

const RANK = new Map<string, number>(SERVICE_TYPES.map((type, i) => [type, i]));

/** A set of types as bits in vocabulary order (cheaper than a Set and a sort for every record); 0 for a word that is not a type. */
export const typeBit = (type: string): number => {
  const rank = RANK.get(type);
  return rank === undefined ? 0 : 1 << rank;
};

/** The types whose bits are set, in vocabulary order. */
export function typesOfBits(bits: number): ServiceType[] {
  const types: ServiceType[] = [];
  for (let i = 0; i < SERVICE_TYPES.length; i++) if (bits & (1 << i)) types.push(SERVICE_TYPES[i]);
  return types;
}

/** Sorts types into vocabulary order so every item reads the same way. */
export function sortTypes(types: readonly ServiceType[]): ServiceType[] {
  return [...types].sort((a, b) => SERVICE_TYPES.indexOf(a) - SERVICE_TYPES.indexOf(b));
}

// English labels and common spellings partners use for our types.
const LABELS: Record<string, ServiceType> = {
  narcan: 'naloxone',
  'naloxone vending machine': 'naloxone-vending',
  'naloxone by mail': 'mail-based',
  'mail-based naloxone': 'mail-based',
  'fentanyl test strips': 'fentanyl-test-strips',
  fts: 'fentanyl-test-strips',
  'xylazine test strips': 'xylazine-test-strips',
  'drug checking': 'drug-checking',
  'syringe services': 'syringe-services',
  'syringe services program': 'syringe-services',
  ssp: 'syringe-services',
  'safer use supplies': 'safer-use-supplies',
  'overdose prevention site': 'overdose-prevention-site',
  ops: 'overdose-prevention-site',
  'drop-in center': 'drop-in',
  'drop-in centre': 'drop-in',
  'drop in': 'drop-in',
  'hiv and hepatitis testing': 'testing',
  'wound care': 'wound-care',
};

/** Our type for a label or common spelling ("Fentanyl test strips", "SSP"), if any. */
export function labelToType(text: string): ServiceType | undefined {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (isServiceType(key)) return key;
  if (Object.prototype.hasOwnProperty.call(LABELS, key)) return LABELS[key];
  const hyphenated = key.replace(/ /g, '-');
  return isServiceType(hyphenated) ? hyphenated : undefined;
}

/** A comma-separated list of types or labels ("naloxone, Drop-in center"): what it names, and what it does not. */
export function readTypeList(text: string): { types: ServiceType[]; unknown: string[] } {
  const types: ServiceType[] = [];
  const unknown: string[] = [];
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const type = labelToType(item);
    if (type) types.push(type);
    else unknown.push(item);
  }
  return { types, unknown };
}
