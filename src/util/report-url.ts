import type { Service } from '../types.js';
import { safeWebUrl } from './safe-url.js';

/** Templates already reported, so a bad `report-url` is named once, not once per service. */
const reported = new Set<string>();

/**
 * The "Report a problem" link for a service: the partner's `report-url` template with `{id}`
 * and `{name}` replaced by the service's, URL-encoded (so a name can never change the link's
 * scheme, host or query). Only an http(s) address without a user name or password, or a
 * `mailto:` with one or more addresses, is returned; anything else is undefined, with one console error
 * per template.
 */
export function reportHref(template: string, service: Pick<Service, 'id' | 'name'>): string | undefined {
  const filled = template.trim().replaceAll('{id}', encodeURIComponent(service.id)).replaceAll('{name}', encodeURIComponent(service.name));
  const href = safeWebUrl(filled) ?? mailtoHref(filled);
  if (href === undefined && !reported.has(template)) {
    reported.add(template);
    console.error(
      `naloxone-finder: report-url="${template}" does not give an http(s) address without a user name or password, or a mailto: address (for service "${service.id}": "${filled}"); no "Report a problem" link is shown.`,
    );
  }
  return href;
}

function mailtoHref(text: string): string | undefined {
  try {
    const url = new URL(text);
    const recipients = decodeURIComponent(url.pathname).split(',');
    return url.protocol === 'mailto:' && recipients.every((address) => /^[^@\s]+@[^@\s]+$/.test(address.trim())) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
