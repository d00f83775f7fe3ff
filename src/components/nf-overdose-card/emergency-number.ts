import { regionOf } from '../../i18n/units.js';

/** The number to call for an ambulance, by region, where it is not 112. */
const NUMBERS: Readonly<Record<string, string>> = {
  US: '911',
  CA: '911',
  MX: '911',
  GB: '999',
  AU: '000',
  NZ: '111',
};

/**
 * The emergency number for the region a language tag most likely means ("en" → US → 911,
 * "fr-FR" → 112). 112 is the number in every EU country, and the fallback everywhere else:
 * GSM phones route it to the local emergency service in most countries, even where the local
 * number differs.
 */
export function emergencyNumberFor(locale: string): string {
  const region = locale ? regionOf(locale) : undefined;
  return (region && NUMBERS[region]) || '112';
}

/**
 * A partner's number as written (digits, spaces, an optional leading +; 2 to 15 digits),
 * tidied for display, or undefined when it is anything else.
 */
export function readEmergencyNumber(value: string): string | undefined {
  const text = value.trim().replace(/\s+/g, ' ');
  if (!/^\+?\d[\d ]*$/.test(text)) return undefined;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 2 && digits <= 15 ? text : undefined;
}

/** The `tel:` URL of a number readEmergencyNumber accepted or emergencyNumberFor gave. */
export const emergencyTel = (number: string) => `tel:${number.replace(/ /g, '')}`;
