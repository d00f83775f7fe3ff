/**
 * Lit's `@customElement`, for a page that may hold two copies of these elements (the drop-in
 * file and the npm package, or the drop-in from two addresses): a name already taken is left
 * to the copy that took it, with one console note, where defining it again would throw and stop
 * the second copy's module, and with it the partner's own code that imports it.
 */
export const customElement = (tag: string) => (element: CustomElementConstructor) => {
  const defined = customElements.get(tag);
  if (!defined) customElements.define(tag, element);
  else if (defined !== element) console.info(`naloxone-finder: <${tag}> is already defined by another copy on this page; that copy's is used.`);
};
