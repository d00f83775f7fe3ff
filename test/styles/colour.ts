/** Colours as the browser computes them, and WCAG contrast between them. */

export type Rgba = [number, number, number, number];

const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
probe.canvas.width = probe.canvas.height = 1;

/** Any CSS colour the browser computes (rgb(), color(srgb …), color-mix …) as 0–255 RGBA. */
export function parseColour(css: string): Rgba {
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = '#00000000';
  probe.fillStyle = css;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

function over(top: Rgba, below: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1) as Rgba;
}

/** The parent in the flat tree: through slots and out of shadow roots. */
function flatParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The colour behind `el`: its own and its ancestors' backgrounds, over the white page. */
export function backdrop(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = el; node; node = flatParent(node)) {
    const bg = parseColour(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] === 1) break;
  }
  return layers.reduceRight<Rgba>((below, top) => over(top, below), [255, 255, 255, 1]);
}

function luminance([r, g, b]: Rgba) {
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour of `el` as seen over its backdrop, and the ratio between them. */
export function textContrast(el: Element): number {
  const bg = backdrop(el);
  return contrast(over(parseColour(getComputedStyle(el).color), bg), bg);
}

export { luminance };
