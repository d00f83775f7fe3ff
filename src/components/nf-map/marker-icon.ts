import { divIcon, type DivIcon } from 'leaflet/dist/leaflet-src.esm.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

function pin(kind: 'service' | 'origin', number?: number): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 32');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shape = document.createElementNS(SVG_NS, 'path');
  if (kind === 'origin') {
    svg.setAttribute('viewBox', '0 0 24 24');
    const circle = document.createElementNS(SVG_NS, 'circle');
    circle.setAttribute('cx', '12');
    circle.setAttribute('cy', '12');
    circle.setAttribute('r', '8');
    svg.append(circle);
    return svg;
  }
  shape.setAttribute('d', 'M12 0C5.4 0 0 5.4 0 12c0 9 12 20 12 20s12-11 12-20C24 5.4 18.6 0 12 0z');
  if (number !== undefined) {
    // The list's number on the pin, so list and map correspond; the name is the marker's label.
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', '12');
    text.setAttribute('y', '12');
    text.setAttribute('class', 'nf-pin-number');
    text.setAttribute('text-anchor', 'middle');
    text.setAttribute('dominant-baseline', 'central');
    // Three digits still fit inside the pin's head.
    if (number > 99) text.setAttribute('textLength', '16');
    text.textContent = String(number);
    svg.append(shape, text);
    return svg;
  }
  const dot = document.createElementNS(SVG_NS, 'circle');
  dot.setAttribute('cx', '12');
  dot.setAttribute('cy', '12');
  dot.setAttribute('r', '4.5');
  dot.setAttribute('class', 'nf-pin-dot');
  svg.append(shape, dot);
  return svg;
}

/**
 * Marker icons are inline SVG in a div: Leaflet's default image icon looks its images up
 * through document.body and 404s inside a shadow root, and a drop-in file must fetch nothing.
 */
export function serviceIcon(selected: boolean, number?: number, shift: [number, number] = [0, 0]): DivIcon {
  const [w, h] = selected ? [32, 42] : [24, 32];
  const [dx, dy] = shift;
  return divIcon({
    html: pin('service', number),
    className: `nf-marker${selected ? ' nf-marker--selected' : ''}${number === undefined ? '' : ' nf-marker--numbered'}`,
    iconSize: [w, h],
    // Services sharing one point are fanned out around it (shift), each its own marker.
    iconAnchor: [w / 2 - dx, h - dy],
    tooltipAnchor: [dx, dy - h],
  });
}

/** A cluster: a disc with its count, larger for more services (at least 40 px across). */
export function clusterIcon(text: string, count: number): DivIcon {
  const size = count < 100 ? 40 : count < 1000 ? 46 : count < 10000 ? 54 : 62;
  const label = document.createElement('span');
  label.className = 'nf-cluster-count';
  label.setAttribute('aria-hidden', 'true');
  label.textContent = text;
  return divIcon({ html: label, className: 'nf-cluster', iconSize: [size, size], tooltipAnchor: [0, -size / 2] });
}

export function originIcon(area = false): DivIcon {
  // An area (the visitor's, rounded) is a wider, lighter ring: "about here", not a point.
  return area
    ? divIcon({ html: pin('origin'), className: 'nf-origin nf-origin--area', iconSize: [56, 56], iconAnchor: [28, 28] })
    : divIcon({ html: pin('origin'), className: 'nf-origin', iconSize: [22, 22], iconAnchor: [11, 11] });
}
