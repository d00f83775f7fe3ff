import { remembered } from '../util/remembered.js';
import { withoutAccents } from './text.js';

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

/**
 * Words that name a type inside the longer labels directories write ("Naloxone kits", "Narcan
 * nasal spray", "Syringe exchange", "HIV testing", "Buprenorphine", and in French and Spanish
 * "Échange de seringues", "Naloxona", "Tiras de prueba de fentanilo"), for labelToType's misses.
 * Conservative on purpose: "test strips" alone (fentanyl or xylazine?) names no type.
 */
const NALOXONE = String.raw`\b(?:naloxon[ea]?|narcan|kloxxado|zimhi)\b`;
const STRIPS = String.raw`(?=.*\b(?:test|strips?|tiras?|pruebas?|bandelettes?)\b)`;
const WORDS: [RegExp, ServiceType][] = [
  [new RegExp(`^(?=.*${NALOXONE})(?=.*\\bvending)`), 'naloxone-vending'],
  [new RegExp(`^(?=.*${NALOXONE})(?=.*\\b(?:mail|courrier|correo))`), 'mail-based'],
  [new RegExp(NALOXONE), 'naloxone'],
  [new RegExp(String.raw`^(?=.*\bfentan[iy]lo?\b)${STRIPS}|\bfts\b`), 'fentanyl-test-strips'],
  [new RegExp(String.raw`^(?=.*\b(?:xylazine|xilacina)\b)${STRIPS}`), 'xylazine-test-strips'],
  [/\bdrug[- ]checking\b/, 'drug-checking'],
  [
    /^(?=.*\b(?:syringe|needle|seringue|jeringa|aguja)s?\b)(?=.*\b(?:exchange|services?|access|programs?|distribution|echange|programmes?|intercambio|programas?|acces|acceso)\b)|\bsterile (?:syringe|needle)|\bssps?\b/,
    'syringe-services',
  ],
  [/\bsafer? (?:use|smoking|injection|sex)|\bharm reduction (?:supplies|kits?)|\bsmoking supplies|\bmateriel de consommation/, 'safer-use-supplies'],
  [
    /\boverdose prevention (?:site|cent(?:er|re))|\b(?:supervised|safe) (?:consumption|injection)|\bconsommation supervisee|\bconsumo supervisado|\bop[cs]\b/,
    'overdose-prevention-site',
  ],
  [/\bdrop[- ]?in\b/, 'drop-in'],
  [/\b(?:treatment|traitement|tratamiento|buprenorphine|buprenorfina|suboxone|methadone|metadona|moud)\b|\bdetox/, 'treatment'],
  [/^(?=.*\b(?:hiv|vih|hcv|vhc|hep(?:atitis|atite)?(?: ?[abc])?|sti|std|its|ets)\b)(?=.*\b(?:test|testing|tests|depistage|pruebas?)\b)/, 'testing'],
  [/\b(?:wound|plaies?|heridas?)/, 'wound-care'],
];

/**
 * A label that says its service is not offered ("No naloxone available", "Narcan - out of stock",
 * "Sin naloxona", "Naloxone : rupture de stock"): no type is read from it, as a visitor looking
 * for naloxone would be sent there. "No-cost naloxone", "No wrong door" and "pas de rendez-vous"
 * are not: "no" counts only before what would be offered.
 */
const NOT_OFFERED =
  /\b(?:no|sin|pas de) (?:\w+ )?(?:naloxon[ae]?|narcan|kloxxado|fentan[iy]lo?|fts|test|tiras|bandelettes|strips?|syringes?|needles?|seringues|jeringas|ssp|supplies|kits?|trousses?|existencias)\b|\b(?:out of stock|sold out|unavailable|not (?:available|offered|in stock|provided|stocked)|no longer|discontinued|agotad[oa]s?|no disponible|rupture de stock|indisponible|non disponible|plus disponible)/;

/** Whether a label says its service is not offered (see NOT_OFFERED). */
export const saysNotOffered = (text: string) => NOT_OFFERED.test(withoutAccents(text).trim().toLowerCase());

/** Every type a label names: labelToType's, or each named by a word in a longer label. Remembered per label: feeds repeat a few. */
export const typesInLabel = (text: string): readonly ServiceType[] => remembered(labelTypes, text, readLabel);

const labelTypes = new Map<string, readonly ServiceType[]>();

function readLabel(text: string): readonly ServiceType[] {
  const exact = labelToType(text);
  if (exact) return [exact];
  // Accents dropped: "Échange de seringues", "Dépistage du VIH" read as their plain letters.
  const key = withoutAccents(text).toLowerCase();
  return WORDS.filter(([words]) => words.test(key)).map(([, type]) => type);
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
