import type { Service } from '../types.js';

/**
 * What tells one place from another when several share a name (chains): "London Drugs,
 * 710 Granville Street", with the distance after it when one is given. Markers, the list's
 * buttons and its links' hidden text all use it, so a screen reader hears the same words.
 */
export function placeLabel(service: Service, distance?: string): string {
  return [service.name, service.address?.street, distance].filter(Boolean).join(', ');
}
