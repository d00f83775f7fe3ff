import { en } from '../../src/i18n/strings.js';
import { enPlaces } from '../../src/i18n/places.js';

/** Every element under `root`, through open shadow roots. */
export function deepElements(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...deepElements(element.shadowRoot));
  }
  return found;
}

const deepText = (root: Element) =>
  [root, ...deepElements(root)]
    .map((e) =>
      e.shadowRoot
        ? ''
        : [...e.childNodes]
            .filter((n) => n.nodeType === 3)
            .map((n) => n.textContent)
            .join(''),
    )
    .join(' ');

/**
 * A list on its own showing a composite's early page (`partial`, as a story does): it says
 * "Loading services…" for good, its state, not a load to wait for.
 */
export const aloneOnEarlyPage = (root: Element) => [...root.querySelectorAll('nf-service-list')].some((list) => (list as { partial?: boolean }).partial);

/** What a visitor would still see coming: a feed loading, a place being looked up, a busy control. */
function pending(root: Element) {
  const text = deepText(root);
  if (text.includes(en.loading) && !aloneOnEarlyPage(root)) return `"${en.loading}" is showing`;
  if (text.includes(enPlaces.searching)) return `"${enPlaces.searching}" is showing`;
  for (const finder of deepElements(root).filter((e) => e.localName === 'naloxone-finder')) {
    const inside = finder.shadowRoot;
    const list = inside?.querySelector('nf-service-list')?.shadowRoot;
    if (!list?.querySelector('ol, p') && !inside?.querySelector('[part="error"], [role="alert"]')) return 'a finder has no list or error yet';
  }
  if (deepElements(root).some((e) => e.getAttribute('aria-busy') === 'true')) return 'a control is busy';
  return null;
}

/** Resolves true if nothing under `root` (shadow roots included) changes for `ms`. */
function quietFor(root: Element, ms: number) {
  return new Promise<boolean>((resolve) => {
    let changed = false;
    const observer = new MutationObserver(() => (changed = true));
    const options = { subtree: true, childList: true, attributes: true, characterData: true };
    observer.observe(root, options);
    for (const e of deepElements(root)) if (e.shadowRoot) observer.observe(e.shadowRoot, options);
    setTimeout(() => {
      observer.disconnect();
      resolve(!changed);
    }, ms);
  });
}

/**
 * Waits for the real state a visitor would judge: every Lit update done (nf-map's includes
 * loading Leaflet and drawing the map), nothing loading,
 * and the DOM still for a moment (Leaflet's fit and pan, a list growing after "Show more").
 * Map tiles never load here and are never waited for.
 */
export async function settle(root: Element, what: string, timeout = 10000) {
  const deadline = performance.now() + timeout;
  for (;;) {
    await Promise.all(deepElements(root).map((e) => (e as Partial<{ updateComplete: Promise<unknown> }>).updateComplete));
    const waitingFor = pending(root);
    if (!waitingFor && (await quietFor(root, 150))) return;
    if (waitingFor) await new Promise((r) => setTimeout(r, 50));
    if (performance.now() > deadline) throw new Error(`${what} never settled: ${waitingFor ?? 'its DOM kept changing'}`);
  }
}
