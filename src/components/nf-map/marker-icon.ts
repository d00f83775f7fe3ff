import { divIcon, type DivIcon } from 'leaflet/dist/leaflet-src.esm.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

function pin(kind: 'service' | 'origin'): SVGSVGElement {
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
export function serviceIcon(selected: boolean): DivIcon {
  return divIcon({
    html: pin('service'),
    className: `nf-marker${selected ? ' nf-marker--selected' : ''}`,
    iconSize: selected ? [32, 42] : [24, 32],
    iconAnchor: selected ? [16, 42] : [12, 32],
    tooltipAnchor: [0, selected ? -42 : -32],
  });
}

export function originIcon(): DivIcon {
  return divIcon({ html: pin('origin'), className: 'nf-origin', iconSize: [22, 22], iconAnchor: [11, 11] });
}
