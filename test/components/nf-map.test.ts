import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/components/nf-map/nf-map.js';
import type { NfMap } from '../../src/components/nf-map/nf-map.js';
import { en } from '../../src/i18n/strings.js';
import type { AxeResults, RunOptions } from 'axe-core';
import { fictionalService, KM_PER_DEGREE } from '../helpers/services.js';
import { rawFeed, rawFeedError } from '../helpers/raw-feed.js';
import { errorsDuring } from '../helpers/console.js';

const services = [fictionalService('a', 1), fictionalService('b', 2), fictionalService('c', 3)];

async function map(template = html`<nf-map tile-url="none" latitude="0" longitude="0"></nf-map>`) {
  const el = await fixture<NfMap>(template);
  el.services = services;
  await el.updateComplete;
  return el;
}

const markers = (el: NfMap) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.leaflet-marker-icon.nf-marker')];
const focused = (el: NfMap) => el.shadowRoot!.activeElement;
/** Tooltips on show: a closed one fades out before Leaflet removes it. */
const tooltips = (el: NfMap) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.leaflet-tooltip')].filter((t) => t.style.opacity !== '0');
/** Leaflet re-measures the map when it is first laid out, which moves the centre slightly. */
const settle = () => new Promise((r) => setTimeout(r, 100));
const zoomInButton = (el: NfMap) => el.shadowRoot!.querySelector<HTMLButtonElement>('.leaflet-control-zoom-in')!;

describe('<nf-map>', () => {
  it('is defined and draws one named, keyboard-reachable marker per service, plus the origin', async () => {
    const el = await map(html`<nf-map tile-url="none" latitude="0" longitude="0" units="km"></nf-map>`);
    expect(el).to.be.instanceOf(customElements.get('nf-map'));
    expect(el.shadowRoot!.querySelector('.leaflet-container')).to.exist;
    expect(markers(el).map((m) => m.getAttribute('aria-label'))).to.deep.equal([
      'Example Service a (fictional), 1.0 km',
      'Example Service b (fictional), 2.0 km',
      'Example Service c (fictional), 3.0 km',
    ]);
    expect(markers(el).every((m) => m.getAttribute('role') === 'button')).to.equal(true);
    expect(
      markers(el).map((m) => m.tabIndex),
      'one tab stop: the first marker',
    ).to.deep.equal([0, -1, -1]);
    expect(markers(el)[0].querySelector('svg')).to.exist;
    const origin = el.shadowRoot!.querySelector('.nf-origin')!;
    expect(origin.getAttribute('aria-label')).to.equal('Starting point');
  });

  it('maps services that were never validated (a whole feed, numbers as text) as a native feed, and says so in the console', async () => {
    const el = await fixture<NfMap>(html`<nf-map tile-url="none" latitude="0" longitude="0" units="km"></nf-map>`);
    const { errors } = await errorsDuring(async () => {
      el.services = rawFeed() as unknown as NfMap['services'];
      await el.updateComplete;
    });
    expect(errors).to.deep.equal([rawFeedError('nf-map')]);
    await waitUntil(() => markers(el).length === 2, 'the two good services are not both on the map');
    expect(markers(el).map((m) => m.getAttribute('aria-label'))).to.have.members([
      'Example Service near (fictional), 1.0 km',
      'Example Service far (fictional), 2.0 km',
    ]);
  });

  it("wraps a long name's tooltip rather than run it past the sides of a phone's map", async () => {
    const long = fictionalService('long', 1, { name: 'Example Community Health and Harm Reduction Drop-in Centre with a Rather Long Name (fictional)' });
    const el = await fixture<NfMap>(html`<nf-map tile-url="none" latitude="0" longitude="0" style="width:300px"></nf-map>`);
    el.services = [long];
    el.selectedId = 'long';
    await el.updateComplete;
    await waitUntil(() => tooltips(el).length === 1, 'no tooltip for the chosen service');
    const tip = tooltips(el)[0].getBoundingClientRect();
    expect(tip.width).to.be.at.most(300 - 16 + 0.5);
    expect(tip.height, 'on more than one line').to.be.above(30);
  });

  it('adopts Leaflet CSS inside its shadow root', async () => {
    const el = await map();
    const pane = el.shadowRoot!.querySelector('.leaflet-map-pane')!;
    expect(getComputedStyle(pane).position).to.equal('absolute');
  });

  it("draws nothing that the drop-in build leaves out of Leaflet's CSS (popups, layers and scale controls, IE fallbacks)", async () => {
    const el = await map();
    el.selectedId = 'b';
    await el.updateComplete;
    markers(el)[2].focus();
    await sendKeys({ press: 'ArrowRight' });
    await zoomInButton(el).click();
    await settle();
    expect(tooltips(el).length, 'a tooltip shows: its CSS is kept').to.be.greaterThan(0);
    const classes = new Set([...el.shadowRoot!.querySelectorAll('*')].flatMap((node) => [...node.classList]));
    expect(classes.has('leaflet-tooltip') && classes.has('leaflet-control-zoom-in') && classes.has('leaflet-control-attribution')).to.equal(true);
    // The same names as UNUSED_LEAFLET_CSS in rollup.config.js. Leaflet makes a popup pane for
    // every map; it stays empty.
    expect([...classes].filter((name) => /^leaflet-(popup|control-layers|control-scale|oldie|vml)|^lvml$/.test(name))).to.deep.equal(['leaflet-popup-pane']);
    expect(el.shadowRoot!.querySelector('.leaflet-popup-pane')!.childElementCount).to.equal(0);
  });

  it('fits the origin and all services in view', async () => {
    const el = await map();
    const bounds = el.leafletMap!.getBounds();
    for (const s of services) expect(bounds.contains([s.lat, s.lng])).to.equal(true);
    expect(bounds.contains([0, 0])).to.equal(true);
  });

  it('fires nf-service-select when a marker is clicked or activated from the keyboard', async () => {
    const el = await map();
    setTimeout(() => markers(el)[1].click());
    const event = await oneEvent(el, 'nf-service-select');
    expect(event.detail.service.id).to.equal('b');
    // 2 km, rounded as the list rounds in the page's units (1.2 mi): the event says no more than the screen.
    expect(event.detail.distance).to.be.closeTo(1.2 * 1.609344, 1e-6);
    await el.updateComplete;
    expect(el.selectedId).to.equal('b');
    markers(el)[2].focus();
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const key = await oneEvent(el, 'nf-service-select');
    expect(key.detail.service.id).to.equal('c');
  });

  it('highlights the selected marker and pans to it', async () => {
    const el = await map(html`<nf-map tile-url="none" latitude="0" longitude="0" zoom="18" units="km"></nf-map>`);
    el.services = [...services, fictionalService('far', 50)];
    await el.updateComplete;
    el.leafletMap!.setView([0, 0], 14, { animate: false });
    el.selectedId = 'far';
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 400));
    const selected = el.shadowRoot!.querySelector('.nf-marker--selected')!;
    expect(selected.getAttribute('aria-label')).to.equal('Example Service far (fictional), 50 km');
    expect(selected.getAttribute('aria-current')).to.equal('true');
    expect(selected.hasAttribute('aria-pressed'), 'not a toggle that cannot be un-pressed').to.equal(false);
    expect(el.shadowRoot!.querySelectorAll('.nf-marker[aria-current]')).to.have.length(1);
    expect(el.shadowRoot!.querySelectorAll('.nf-marker--selected')).to.have.length(1);
    expect(el.leafletMap!.getBounds().contains([services.length && 50 / 111.19508, 0])).to.equal(true);
  });

  it('makes no tile requests with tile-url="none", and uses the given tile URL otherwise', async () => {
    const none = await map();
    expect(none.shadowRoot!.querySelectorAll('.leaflet-tile')).to.have.length(0);
    const custom = await map(
      html`<nf-map tile-url="/test/fixtures/tile.png?{z}/{x}/{y}" tile-attribution="Fictional tiles" latitude="0" longitude="0"></nf-map>`,
    );
    const tile = custom.shadowRoot!.querySelector<HTMLImageElement>('img.leaflet-tile')!;
    expect(tile.src).to.match(/\/test\/fixtures\/tile\.png\?\d+\/\d+\/\d+$/);
    expect(custom.shadowRoot!.querySelector('.leaflet-control-attribution')!.textContent).to.contain('Fictional tiles');
  });

  it('draws a basemap from one PMTiles file on the same site with tile-url="pmtiles:…", and nothing else is fetched for it', async () => {
    performance.clearResourceTimings();
    const el = await map(html`<nf-map tile-url="pmtiles:/test/fixtures/pmtiles/raster.pmtiles" latitude="0" longitude="0" zoom="1"></nf-map>`);
    await waitUntil(() => el.shadowRoot!.querySelector('canvas.leaflet-tile'), 'a PMTiles tile is drawn', { timeout: 5000 });
    expect(el.shadowRoot!.querySelectorAll('img.leaflet-tile'), 'no image tiles from elsewhere').to.have.length(0);
    const archives = performance
      .getEntriesByType('resource')
      .map((r) => new URL(r.name).pathname)
      .filter((p) => p.endsWith('.pmtiles'));
    expect(archives.length).to.be.greaterThan(0);
    expect(new Set(archives)).to.deep.equal(new Set(['/test/fixtures/pmtiles/raster.pmtiles']));
  });

  it('credits OpenStreetMap for the default tiles, with a link', async () => {
    const el = await fixture<NfMap>(html`<nf-map></nf-map>`);
    expect(el.tileUrl).to.equal('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    const credit = el.shadowRoot!.querySelector('.leaflet-control-attribution')!;
    expect(credit.textContent).to.equal('© OpenStreetMap contributors');
    expect(credit.querySelector('a')!.href).to.equal('https://www.openstreetmap.org/copyright');
    // In the page's language, and again when it changes.
    el.setAttribute('lang', 'fr');
    await waitUntil(() => credit.textContent === '© les contributeurs d’OpenStreetMap', 'the credit stayed in English', { timeout: 3000 });
    expect(credit.querySelector('a')!.href).to.equal('https://www.openstreetmap.org/copyright');
  });

  it('shows tile-attribution as text and safe links, never as HTML', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const hostile = '&copy; <a href="https://example.org/">Example</a> <img src=x onerror="window.attributionRan = true">[Other](javascript:alert(1)) tiles';
      const el = await map(html`<nf-map tile-url="/test/fixtures/tile.png?{z}/{x}/{y}" tile-attribution=${hostile}></nf-map>`);
      const credit = el.shadowRoot!.querySelector<HTMLElement>('.leaflet-control-attribution')!;
      expect(credit.textContent).to.equal('© Example Other tiles');
      expect(credit.querySelectorAll('img')).to.have.length(0);
      const links = [...credit.querySelectorAll('a')];
      expect(links.map((a) => [a.href, a.rel, a.target])).to.deep.equal([['https://example.org/', 'noopener noreferrer', '_blank']]);
      expect(warnings).to.deep.equal(['nf-map: tile-attribution link "javascript:alert(1)" is shown as plain text: only http(s) links are kept.']);
      await new Promise((r) => setTimeout(r, 50));
      expect((window as { attributionRan?: boolean }).attributionRan).to.equal(undefined);
      el.tileAttribution = '';
      await el.updateComplete;
      expect(credit.hidden, 'an empty credit takes no room').to.equal(true);
    } finally {
      console.warn = warn;
    }
  });

  it('requests tiles without a Referer', async () => {
    const el = await map(html`<nf-map tile-url="/test/fixtures/tile.png?{z}/{x}/{y}" latitude="0" longitude="0"></nf-map>`);
    const tiles = [...el.shadowRoot!.querySelectorAll('img.leaflet-tile')];
    expect(tiles.length).to.be.greaterThan(0);
    expect(tiles.every((t) => t.getAttribute('referrerpolicy') === 'no-referrer')).to.equal(true);
  });

  it('has its own zoom buttons: named, from strings, zooming, unavailable at the limits', async () => {
    const el = await map(html`<nf-map tile-url="/test/fixtures/tile.png?{z}/{x}/{y}" latitude="0" longitude="0" zoom="17"></nf-map>`);
    const leaflet = el.leafletMap!;
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.leaflet-control-zoom button')];
    expect(buttons.map((b) => [b.type, b.getAttribute('aria-label'), b.textContent])).to.deep.equal([
      ['button', 'Zoom in', '+'],
      ['button', 'Zoom out', '\u2212'],
    ]);
    expect(el.shadowRoot!.querySelectorAll('a.leaflet-control-zoom-in, a.leaflet-control-zoom-out')).to.have.length(0);
    const [zoomIn, zoomOut] = buttons;
    const before = leaflet.getZoom();
    zoomIn.click();
    expect(leaflet.getZoom()).to.equal(before + 1);
    zoomOut.focus();
    await sendKeys({ press: 'Enter' });
    expect(leaflet.getZoom()).to.equal(before);
    leaflet.setZoom(19, { animate: false });
    expect(zoomIn.getAttribute('aria-disabled')).to.equal('true');
    expect(zoomIn.classList.contains('leaflet-disabled')).to.equal(true);
    zoomIn.click();
    expect(leaflet.getZoom(), 'no zoom past the tiles').to.equal(19);
    leaflet.setZoom(0, { animate: false });
    expect([zoomIn.getAttribute('aria-disabled'), zoomOut.getAttribute('aria-disabled')]).to.deep.equal(['false', 'true']);
    el.strings = { ...el.strings, zoomIn: 'Agrandir', zoomOut: 'Réduire', mapLabel: 'Carte' };
    await el.updateComplete;
    expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Agrandir', 'Réduire']);
    expect(el.shadowRoot!.querySelector('.leaflet-container')!.getAttribute('aria-label')).to.equal('Carte');
  });

  describe('min-view-km', () => {
    const near = [fictionalService('a', 0.2), fictionalService('b', 0.5), fictionalService('c', 0.9)];
    const tileZooms = (marker: string) =>
      performance
        .getEntriesByType('resource')
        .map((r) => r.name.match(new RegExp(`tile\\.png\\?${marker}/(\\d+)/`))?.[1])
        .filter((z) => z !== undefined)
        .map(Number);
    const acrossKm = (el: NfMap) => {
      const m = el.leafletMap!;
      const { lat } = m.getCenter();
      return m.distance([lat, m.getBounds().getWest()], [lat, m.getBounds().getEast()]) / 1000;
    };

    it('keeps every automatic fit, and every tile it requests, at least that many km across', async () => {
      // Room for every request this test makes: the page has already loaded many modules.
      performance.clearResourceTimings();
      performance.setResourceTimingBufferSize(5000);
      const el = await fixture<NfMap>(
        html`<nf-map tile-url="/test/fixtures/tile.png?minview/{z}/{x}/{y}" latitude="0" longitude="0" min-view-km="50"></nf-map>`,
      );
      el.services = near;
      await el.updateComplete;
      expect(el.minViewKm).to.equal(50);
      expect(acrossKm(el)).to.be.at.least(50);
      const limit = el.leafletMap!.getZoom();
      const images = [...el.shadowRoot!.querySelectorAll<HTMLImageElement>('.leaflet-tile-pane img')];
      // Resource timing lists a request once it has finished.
      await waitUntil(() => images.every((img) => img.complete), 'tiles still loading');
      const shown = images.map((img) => Number(img.src.match(/minview\/(\d+)\//)![1]));
      expect(shown.length).to.be.greaterThan(0);
      expect(Math.max(...shown)).to.be.at.most(limit);
      expect(tileZooms('minview').length, 'requests seen').to.be.greaterThan(0);
      expect(Math.max(...tileZooms('minview')), 'every tile requested, even those since removed').to.be.at.most(limit);
      // A new origin is a new fit, and keeps the limit too.
      el.latitude = 0.004;
      await el.updateComplete;
      expect(acrossKm(el)).to.be.at.least(50);
    });

    it('limits nothing when unset, and a visitor may still zoom in', async () => {
      const el = await fixture<NfMap>(html`<nf-map tile-url="none" latitude="0" longitude="0"></nf-map>`);
      el.services = near;
      await el.updateComplete;
      expect(acrossKm(el), 'the same services fit closely without a limit').to.be.below(10);
      el.minViewKm = 50;
      await el.updateComplete;
      expect(acrossKm(el), 'setting the limit fits again').to.be.at.least(50);
      el.shadowRoot!.querySelector<HTMLButtonElement>('.leaflet-control-zoom-in')!.click();
      expect(acrossKm(el)).to.be.below(50);
    });

    it('reports a value that is not a positive number of km', async () => {
      const errors: string[] = [];
      const error = console.error;
      console.error = (message: string) => errors.push(message);
      try {
        const el = await fixture<NfMap>(html`<nf-map tile-url="none" min-view-km="50km"></nf-map>`);
        expect(el.minViewKm).to.equal(undefined);
        expect(errors).to.deep.equal(['nf-map: min-view-km="50km" is not a positive number of km, so the map has no view limit.']);
      } finally {
        console.error = error;
      }
    });
  });

  it('removes its Leaflet map when disconnected and draws again when re-attached', async () => {
    const el = await map();
    const parent = el.parentElement!;
    el.remove();
    expect(el.leafletMap).to.equal(undefined);
    parent.append(el);
    await el.updateComplete;
    expect(el.leafletMap).to.exist;
    expect(markers(el)).to.have.length(3);
  });

  describe('keyboard', () => {
    it('is one tab stop for all its markers, between the map and its zoom buttons', async () => {
      const page = await fixture(html`<div><button>Before</button><nf-map tile-url="none" latitude="0" longitude="0"></nf-map></div>`);
      const el = page.querySelector('nf-map')!;
      el.services = services;
      await el.updateComplete;
      page.querySelector('button')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el), 'the map itself first').to.equal(el.shadowRoot!.querySelector('.leaflet-container'));
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(markers(el)[0]);
      await sendKeys({ press: 'Tab' });
      expect(focused(el), 'one Tab past the markers').to.equal(zoomInButton(el));
      el.selectedId = 'c';
      await el.updateComplete;
      expect(
        markers(el).map((m) => m.tabIndex),
        'the selected marker is the tab stop',
      ).to.deep.equal([-1, -1, 0]);
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(focused(el)).to.equal(markers(el)[2]);
    });

    it('moves focus between markers in list order with arrows, Home and End, without selecting or panning', async () => {
      let selections = 0;
      const el = await map();
      el.addEventListener('nf-service-select', () => selections++);
      await settle();
      const center = el.leafletMap!.getCenter();
      const scroll = window.scrollY;
      markers(el)[0].focus();
      const steps: [string, number][] = [
        ['ArrowDown', 1],
        ['ArrowRight', 2],
        ['ArrowRight', 2],
        ['Home', 0],
        ['ArrowUp', 0],
        ['End', 2],
        ['ArrowUp', 1],
        ['ArrowLeft', 0],
        ['ArrowDown', 1],
      ];
      for (const [key, index] of steps) {
        await sendKeys({ press: key });
        expect(focused(el), key).to.equal(markers(el)[index]);
        expect(markers(el).map((m) => m.tabIndex)).to.deep.equal([0, 1, 2].map((i) => (i === index ? 0 : -1)));
      }
      expect(selections, 'focus is not selection').to.equal(0);
      expect(el.selectedId).to.equal(null);
      expect(el.leafletMap!.getCenter(), 'every marker was in view: the map stays put').to.deep.equal(center);
      expect(window.scrollY, 'the page does not scroll either').to.equal(scroll);
      setTimeout(() => sendKeys({ press: ' ' }));
      const event = await oneEvent(el, 'nf-service-select');
      expect(event.detail.service.id).to.equal('b');
    });

    it('brings a marker focused from the keyboard into view only when it is out of view', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        const el = await map();
        el.services = [...services, fictionalService('far', 50)];
        // Listed, so drawn wherever it is: the map draws other services only in and near the view.
        el.listed = ['a', 'b', 'c', 'far'];
        await el.updateComplete;
        const leaflet = el.leafletMap!;
        await settle();
        leaflet.setView([2 / 111.19508, 0], 13, { animate: false });
        const center = leaflet.getCenter();
        markers(el)[1].focus();
        await sendKeys({ press: 'ArrowDown' });
        expect(leaflet.getCenter(), 'c is in view').to.deep.equal(center);
        await sendKeys({ press: 'End' });
        expect(focused(el)).to.equal(markers(el)[3]);
        expect(leaflet.getBounds().contains([50 / 111.19508, 0]), 'far is brought into view').to.equal(true);
        expect(el.selectedId).to.equal(null);
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });

    it('fits the services clear of the zoom buttons and the credit, the westmost and southmost too', async () => {
      const el = await fixture<NfMap>(html`<nf-map latitude="0" longitude="0" style="width: 360px; height: 300px"></nf-map>`);
      // North-west, south-east and north of the origin, as a phone's map shows a neighbourhood.
      el.services = [fictionalService('nw', 3, { lng: -0.05 }), fictionalService('se', -2, { lng: 0.05 }), fictionalService('n', 2.5)];
      await el.updateComplete;
      await settle();
      const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const controls = ['.leaflet-control-zoom', '.leaflet-control-attribution'].map((c) => el.shadowRoot!.querySelector(c)!.getBoundingClientRect());
      expect(markers(el)).to.have.length(3);
      for (const marker of markers(el)) {
        expect(
          controls.map((c) => overlap(marker.getBoundingClientRect(), c)),
          marker.getAttribute('aria-label')!,
        ).to.deep.equal([false, false]);
      }
    });

    it("brings a focused marker's name into view with it, near the map's edge", async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        const el = await map(html`<nf-map tile-url="none" latitude="0" longitude="0" style="width: 420px; height: 300px"></nf-map>`);
        const leaflet = el.leafletMap!;
        await settle();
        // Service c 8 px from the map's right edge, and from its top: its icon in view, its name not.
        const size = leaflet.getSize();
        const c = leaflet.latLngToContainerPoint([3 / KM_PER_DEGREE, 0]);
        leaflet.panBy([c.x - (size.x - 8), c.y - 40], { animate: false });
        markers(el)[2].focus();
        const tip = tooltips(el)[0];
        expect(tip.textContent).to.contain('Example Service c (fictional)');
        const box = el.shadowRoot!.querySelector('.leaflet-container')!.getBoundingClientRect();
        for (const part of [tip, markers(el)[2]]) {
          const r = part.getBoundingClientRect();
          expect([r.left >= box.left, r.top >= box.top, r.right <= box.right, r.bottom <= box.bottom], part.className).to.deep.equal([true, true, true, true]);
        }
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });

    it('lets Leaflet pan with arrows on the map, not on a marker', async () => {
      const el = await map();
      const leaflet = el.leafletMap!;
      const container = el.shadowRoot!.querySelector<HTMLElement>('.leaflet-container')!;
      await settle();
      container.focus();
      markers(el)[0].focus();
      const center = leaflet.getCenter();
      await sendKeys({ press: 'ArrowRight' });
      await new Promise((r) => setTimeout(r, 300));
      expect(leaflet.getCenter()).to.deep.equal(center);
      container.focus();
      await sendKeys({ press: 'ArrowRight' });
      await new Promise((r) => setTimeout(r, 300));
      expect(leaflet.getCenter().lng, 'the map pans east').to.be.greaterThan(center.lng);
    });

    it('stacks the focused marker above the selected one, and that above the rest', async () => {
      const el = await map();
      el.services = ['a', 'b', 'c'].map((id) => fictionalService(id, 1));
      // Listed, so none is in a cluster: three markers at one point, fanned out around it.
      el.listed = ['a', 'b', 'c'];
      el.selectedId = 'b';
      await el.updateComplete;
      const z = () => markers(el).map((m) => Number(getComputedStyle(m).zIndex));
      expect(z()[1]).to.be.greaterThan(Math.max(z()[0], z()[2]));
      markers(el)[2].focus();
      expect(z()[2]).to.be.greaterThan(z()[1]);
      markers(el)[2].blur();
      expect(z()[1]).to.be.greaterThan(Math.max(z()[0], z()[2]));
    });
  });

  describe('what it tells assistive technology', () => {
    // A group, not a region: two finders on a page would make two landmarks with one name.
    it('is a named group described by its keys', async () => {
      const el = await map();
      const container = el.shadowRoot!.querySelector('.leaflet-container')!;
      expect([container.getAttribute('role'), container.getAttribute('aria-label')]).to.deep.equal(['group', 'Map of services']);
      const description = () => el.shadowRoot!.getElementById(container.getAttribute('aria-describedby')!)!.textContent;
      expect(description()).to.equal(en.mapKeys);
      expect(en.mapKeys)
        .to.match(/arrow keys move the map/i)
        .and.match(/plus and minus/)
        .and.match(/Tab/)
        .and.match(/Enter/);
      el.strings = { ...en, mapKeys: 'Les flèches déplacent la carte.' };
      await el.updateComplete;
      expect(description()).to.equal('Les flèches déplacent la carte.');
    });

    it('names each marker by name, street and distance, in the page language and the given units', async () => {
      const page = await fixture(html`<div lang="en-CA"><nf-map tile-url="none"></nf-map></div>`);
      const el = page.querySelector('nf-map')!;
      el.services = [fictionalService('a', 1, { address: { street: '710 Granville Street', city: 'Vancouver' } }), fictionalService('b', 2)];
      await el.updateComplete;
      const names = () => markers(el).map((m) => m.getAttribute('aria-label'));
      expect(names(), 'no distances: name and street').to.deep.equal(['Example Service a (fictional), 710 Granville Street', 'Example Service b (fictional)']);
      el.distances = new Map([
        ['a', 0.2],
        ['b', 12.34],
      ]);
      await el.updateComplete;
      expect(names()).to.deep.equal(['Example Service a (fictional), 710 Granville Street, 0.2 km', 'Example Service b (fictional), 12 km']);
      el.units = 'mi';
      await el.updateComplete;
      expect(names()).to.deep.equal(['Example Service a (fictional), 710 Granville Street, 0.1 mi', 'Example Service b (fictional), 7.7 mi']);
      page.setAttribute('lang', 'fr-CA');
      el.units = 'km';
      await el.updateComplete;
      expect(names()[0]).to.equal('Example Service a (fictional), 710 Granville Street, 0,2 km');
    });

    it("ends every marker's name with its distance from the origin, measured on the map for services the finder gave none", async () => {
      // The finder gives distances for its list's page only; markers off the page are measured here.
      const page = await fixture(html`<div lang="en-CA"><nf-map tile-url="none" latitude="0" longitude="0"></nf-map></div>`);
      const el = page.querySelector('nf-map')!;
      el.services = [
        fictionalService('a', 9, { address: { street: '710 Granville Street' } }),
        fictionalService('b', 11),
        // 0.01° of longitude along the equator: 1.112 km (Turf's Earth), so "1.1 km".
        fictionalService('c', 0, { lat: 0, lng: 0.01, address: { street: '4628 Main Street' } }),
        // 9.96 km: the list rounds it to 10 km, so "10 km", not "10.0 km".
        fictionalService('d', 0, { lat: 0, lng: 9.96 / KM_PER_DEGREE }),
      ];
      el.listed = ['a', 'b'];
      el.distances = new Map([
        ['a', 9],
        ['b', 11],
      ]);
      await el.updateComplete;
      const names = () => markers(el).map((m) => m.getAttribute('aria-label')!);
      const nameOf = (id: string) => names().find((name) => name.includes(`Service ${id} (fictional)`));
      expect(names(), 'all four drawn, none clustered').to.have.length(4);
      expect(names().every((name) => /, \d+(\.\d)? km$/.test(name))).to.equal(true);
      expect([nameOf('a'), nameOf('b'), nameOf('c'), nameOf('d')]).to.deep.equal([
        '1. Example Service a (fictional), 710 Granville Street, 9.0 km',
        '2. Example Service b (fictional), 11 km',
        'Example Service c (fictional), 4628 Main Street, 1.1 km',
        'Example Service d (fictional), 10 km',
      ]);

      el.units = 'mi';
      await el.updateComplete;
      // 1.112 km is 0.69 mi; 9.96 km is 6.19 mi.
      expect([nameOf('c'), nameOf('d')]).to.deep.equal(['Example Service c (fictional), 4628 Main Street, 0.7 mi', 'Example Service d (fictional), 6.2 mi']);
      el.units = undefined;
      page.setAttribute('lang', 'fr-CA');
      await el.updateComplete;
      expect(nameOf('c')).to.equal('Example Service c (fictional), 4628 Main Street, 1,1 km');

      // A new origin: the map measures again; the finder's numbers are used as given.
      page.setAttribute('lang', 'en-CA');
      await el.updateComplete;
      el.longitude = 0.01;
      await el.updateComplete;
      expect([nameOf('a'), nameOf('c'), nameOf('d')]).to.deep.equal([
        '1. Example Service a (fictional), 710 Granville Street, 9.0 km',
        'Example Service c (fictional), 4628 Main Street, 0.0 km',
        'Example Service d (fictional), 8.8 km',
      ]);

      // No origin: no distance but the finder's. The fit no longer takes in the origin, so the
      // view is set to hold all four again.
      el.latitude = undefined;
      await el.updateComplete;
      el.leafletMap!.setView([0.045, 0.045], 11, { animate: false });
      await waitUntil(() => names().length === 4, 'all four drawn again');
      expect([nameOf('a'), nameOf('c'), nameOf('d')]).to.deep.equal([
        '1. Example Service a (fictional), 710 Granville Street, 9.0 km',
        'Example Service c (fictional), 4628 Main Street',
        'Example Service d (fictional)',
      ]);
    });

    it('reports a units attribute that is neither km nor mi', async () => {
      const errors: string[] = [];
      const error = console.error;
      console.error = (message: string) => errors.push(message);
      try {
        const el = await fixture<NfMap>(html`<nf-map tile-url="none" units="miles"></nf-map>`);
        expect(el.units).to.equal(undefined);
        expect(errors).to.deep.equal([`nf-map: units="miles" is neither km nor mi, so distances use the page language's units.`]);
      } finally {
        console.error = error;
      }
    });

    it("shows the selected marker's name in a tooltip, as text, read once", async () => {
      const el = await map();
      const hostile = '<img src=x onerror="window.tooltipRan = true">';
      el.services = [fictionalService('a', 1), fictionalService('b', 2, { name: hostile, address: { street: '1 Main Street' } })];
      el.distances = new Map([['b', 2]]);
      el.units = 'km';
      await el.updateComplete;
      expect(tooltips(el)).to.have.length(0);
      el.selectedId = 'b';
      await el.updateComplete;
      const [tip] = tooltips(el);
      expect(tooltips(el)).to.have.length(1);
      expect(tip.textContent).to.equal(`${hostile}, 1 Main Street, 2.0 km`);
      expect(tip.querySelector('img')).to.equal(null);
      expect(tip.getAttribute('aria-hidden'), 'it repeats the name').to.equal('true');
      const marker = markers(el)[1];
      expect(marker.getAttribute('aria-label')).to.equal(tip.textContent);
      expect(marker.hasAttribute('aria-describedby'), 'not read a second time').to.equal(false);
      const box = marker.getBoundingClientRect();
      const tipBox = tip.getBoundingClientRect();
      expect(tipBox.bottom, 'above the marker').to.be.at.most(box.top);
      expect(tipBox.left).to.be.below(box.right);
      expect(tipBox.right).to.be.above(box.left);
      markers(el)[0].focus();
      expect(
        tooltips(el).map((t) => t.textContent),
        'a focused marker shows its name too',
      ).to.have.members([tip.textContent, 'Example Service a (fictional), 1.0 km']);
      markers(el)[0].blur();
      el.selectedId = null;
      await el.updateComplete;
      expect(tooltips(el)).to.have.length(0);
      expect((window as { tooltipRan?: boolean }).tooltipRan).to.equal(undefined);
    });

    it('shows the selected marker by size and outline, not colour alone', async () => {
      const el = await map();
      el.selectedId = 'b';
      await el.updateComplete;
      const [plain, selected] = markers(el);
      const stroke = (m: HTMLElement) => getComputedStyle(m.querySelector('path')!);
      expect(selected.getBoundingClientRect().height).to.be.greaterThan(plain.getBoundingClientRect().height * 1.2);
      expect(parseFloat(stroke(selected).strokeWidth)).to.be.greaterThan(parseFloat(stroke(plain).strokeWidth));
      expect(stroke(selected).stroke).to.equal('rgb(27, 27, 27)');
    });
  });

  it('turns off pan, zoom and fade animation when reduced motion is asked for', async () => {
    // Out of view, but less than a map's height away: Leaflet animates such a pan by default.
    const far = fictionalService('far', 2.5);
    const select = async () => {
      const el = await map(html`<nf-map tile-url="none" latitude="0" longitude="0" zoom="18"></nf-map>`);
      el.services = [...services, far];
      await el.updateComplete;
      await settle();
      el.leafletMap!.setView([0, 0], 14, { animate: false });
      el.selectedId = 'far';
      await el.updateComplete;
      return el;
    };
    const animated = await select();
    expect(animated.leafletMap!.getBounds().contains([far.lat, far.lng]), 'by default the pan is still under way').to.equal(false);
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const el = await select();
      const leaflet = el.leafletMap!;
      expect([leaflet.options.zoomAnimation, leaflet.options.fadeAnimation, leaflet.options.markerZoomAnimation]).to.deep.equal([false, false, false]);
      expect(leaflet.getBounds().contains([far.lat, far.lng]), 'the pan is done at once').to.equal(true);
      const center = leaflet.getCenter();
      el.shadowRoot!.querySelector<HTMLElement>('.leaflet-container')!.focus();
      await sendKeys({ press: 'ArrowLeft' });
      expect(leaflet.getCenter().lng, "Leaflet's own arrow-key pan is done at once too").to.be.below(center.lng);
      expect(el.shadowRoot!.querySelector('.leaflet-pan-anim')).to.equal(null);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  describe('look', () => {
    it('has zoom buttons of at least 44 by 44 px and markers of at least 24 by 24', async () => {
      const el = await map();
      for (const button of el.shadowRoot!.querySelectorAll('.leaflet-control-zoom button')) {
        const { width, height } = button.getBoundingClientRect();
        expect(Math.min(width, height)).to.be.at.least(44);
      }
      for (const marker of markers(el)) {
        const { width, height } = marker.getBoundingClientRect();
        expect(Math.min(width, height)).to.be.at.least(24);
      }
    });

    it('underlines the attribution link and draws controls and tooltips in the colour tokens', async () => {
      const el = await map(
        html`<nf-map
          style="--nf-color-background: #101418; --nf-color-text: #f0f0f0; --nf-color-accent: #8cc8ff"
          tile-url="/test/fixtures/tile.png?{z}/{x}/{y}"
          tile-attribution="© [Example](https://example.org/) tiles"
          latitude="0"
          longitude="0"
        ></nf-map>`,
      );
      el.selectedId = 'a';
      await el.updateComplete;
      const style = (selector: string) => getComputedStyle(el.shadowRoot!.querySelector(selector)!);
      expect(style('.leaflet-control-attribution a').textDecorationLine).to.equal('underline');
      expect(style('.leaflet-control-attribution a').color).to.equal('rgb(140, 200, 255)');
      for (const selector of ['.leaflet-control-attribution', '.leaflet-control-zoom-in', '.leaflet-tooltip']) {
        expect([style(selector).backgroundColor, style(selector).color], selector).to.deep.equal(['rgb(16, 20, 24)', 'rgb(240, 240, 240)']);
      }
      await expect(el).to.be.accessible();
    });

    it('keeps controls, credit and markers visible in forced colours, each control outlined', async () => {
      const el = await map(
        html`<nf-map tile-url="/test/fixtures/tile.png?{z}/{x}/{y}" tile-attribution="[Example](https://example.org/)" latitude="0" longitude="0"></nf-map>`,
      );
      el.selectedId = 'b';
      await el.updateComplete;
      // The test browser cannot switch forced colours on: apply the rules written for it.
      const root = el.shadowRoot!;
      const rules = root.adoptedStyleSheets
        .flatMap((sheet) => [...sheet.cssRules])
        .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors: active'))
        .flatMap((rule) => [...rule.cssRules].map((r) => r.cssText));
      const forced = new CSSStyleSheet();
      forced.replaceSync(rules.join('\n'));
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, forced];
      const system = (color: string) => {
        const probe = document.createElement('i');
        probe.style.color = color;
        document.body.append(probe);
        const value = getComputedStyle(probe).color;
        probe.remove();
        return value;
      };
      const style = (selector: string) => getComputedStyle(root.querySelector(selector)!);
      expect([style('.leaflet-control-zoom-in').backgroundColor, style('.leaflet-control-zoom-in').color]).to.deep.equal([
        system('ButtonFace'),
        system('ButtonText'),
      ]);
      for (const selector of ['.leaflet-bar', '.leaflet-control-attribution']) expect(style(selector).outlineStyle, selector).to.equal('solid');
      expect(style('.leaflet-control-attribution a').color).to.equal(system('LinkText'));
      const [plain, selected] = markers(el).map((m) => getComputedStyle(m.querySelector('path')!));
      expect(plain.fill).to.equal(system('ButtonText'));
      expect([selected.fill, selected.stroke]).to.deep.equal([system('Highlight'), system('CanvasText')]);
      expect(getComputedStyle(root.querySelector('.nf-origin circle')!).fill).to.equal(system('LinkText'));
    });
  });

  it('on a phone, centres a chosen marker so its name is not under the zoom buttons', async () => {
    const el = await map(html`<nf-map tile-url="none" latitude="0" longitude="0" style="width:320px"></nf-map>`);
    const long = 'Example Community Health Centre and Harm Reduction Drop-in, North Entrance (fictional)';
    el.services = [fictionalService('near', 0.5), fictionalService('far', 2, { name: long, lng: 0.01 })];
    await el.updateComplete;
    const moved = new Promise((r) => el.leafletMap!.once('moveend', r));
    el.selectedId = 'far';
    await el.updateComplete;
    await moved;
    const root = el.shadowRoot!;
    const tip = root.querySelector('.leaflet-tooltip')!.getBoundingClientRect();
    const buttons = root.querySelector('.leaflet-control-zoom')!.getBoundingClientRect();
    expect(root.querySelector('.leaflet-tooltip')!.textContent).to.contain('North Entrance');
    const apart = tip.right <= buttons.left || tip.left >= buttons.right || tip.bottom <= buttons.top || tip.top >= buttons.bottom;
    expect(apart, `tooltip ${JSON.stringify(tip)} and buttons ${JSON.stringify(buttons)}`).to.equal(true);
  });

  it('passes axe with 20 markers, several overlapping, one of them selected', async () => {
    const el = await map();
    const crowd = Array.from({ length: 20 }, (_, i) =>
      // Five places hold four services each: two at the very same point, two a few metres off.
      fictionalService(`s${i}`, 0.5 + Math.floor(i / 4) * 0.3 + (i % 4 > 1 ? 0.002 * (i % 4) : 0), { address: { street: `${i + 1} Main Street` } }),
    );
    el.services = crowd;
    el.distances = new Map(crowd.map((s, i) => [s.id, 0.5 + i * 0.01]));
    await el.updateComplete;
    await expect(el).to.be.accessible();
    // accessible() runs axe's default rules, which leave target-size (WCAG 2.2 AA) out.
    const wcag22 = async () => {
      const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
      // The axe that accessible() loaded.
      const { axe } = window as unknown as { axe: { run: (context: Element, options: RunOptions) => Promise<AxeResults> } };
      const { violations } = await axe.run(el, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return violations.map((v) => `${v.id}: ${v.nodes.length}`);
    };
    expect(await wcag22()).to.deep.equal([]);
    el.selectedId = 's5';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(await wcag22()).to.deep.equal([]);
  });

  it('is accessible', async () => {
    const el = await map();
    await expect(el).to.be.accessible();
  });
});

describe('<nf-map> on a phone and with a mouse: the page still scrolls', () => {
  /** A map at the top of a page three screens tall, as a partner's page holds it. */
  async function mapOnLongPage() {
    const page = await fixture<HTMLDivElement>(html`<div style="height:3000px"><nf-map tile-url="none" latitude="0" longitude="0" units="km"></nf-map></div>`);
    const el = page.querySelector('nf-map')!;
    el.services = services;
    await el.updateComplete;
    await settle();
    window.scrollTo(0, 0);
    const box = el.getBoundingClientRect();
    return { el, x: Math.round(box.left + box.width / 2), y: Math.round(box.top + Math.min(box.height, 300) / 2) };
  }

  afterEach(() => window.scrollTo(0, 0));

  it('scrolls the page under the mouse wheel until the visitor clicks the map, then zooms it', async () => {
    const { el, x, y } = await mapOnLongPage();
    const zoom = el.leafletMap!.getZoom();
    await executeServerCommand('gesture', { kind: 'wheel', x, y, dy: 200 });
    await waitUntil(() => window.scrollY > 50, `the page did not scroll (scrollY ${window.scrollY})`, { timeout: 3000 });
    expect(el.leafletMap!.getZoom(), 'the map did not zoom').to.equal(zoom);
    window.scrollTo(0, 0);
    await new Promise((r) => requestAnimationFrame(r));
    el.shadowRoot!.querySelector('.map')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await executeServerCommand('gesture', { kind: 'wheel', x, y, dy: 200 });
    await waitUntil(() => el.leafletMap!.getZoom() < zoom, 'the map did not zoom out after a click', { timeout: 3000 });
    // Leaflet 1.9 throws from a timer when a map is removed while its zoom still animates.
    await new Promise((r) => setTimeout(r, 500));
  });

  it('keeps the light palette on the map in dark mode: its tiles are light', async () => {
    const el = await map(html`<nf-map tile-url="none" latitude="0" longitude="0" theme="dark"></nf-map>`);
    const pin = markers(el)[0].querySelector('path')!;
    expect(getComputedStyle(pin).fill).to.equal('rgb(0, 90, 156)');
    const focusRing = getComputedStyle(zoomInButton(el));
    expect(focusRing.backgroundColor).to.equal('rgb(255, 255, 255)');
  });
  // Last: the touch screen's emulation, though turned off, changes how a later wheel scrolls.
  it('on a touch screen, scrolls the page, not the map, under a one-finger swipe up', async () => {
    await executeServerCommand('gesture', { kind: 'touch-screen', on: true });
    try {
      const { el, x, y } = await mapOnLongPage();
      const center = el.leafletMap!.getCenter();
      const hint = el.shadowRoot!.querySelector<HTMLElement>('[part="two-finger-hint"]')!;
      expect(hint.hidden, 'no hint before a finger moves').to.equal(true);
      await executeServerCommand('gesture', { kind: 'swipe', x, y: y + 60, dy: -120 });
      await waitUntil(() => window.scrollY > 50, `the page did not scroll (scrollY ${window.scrollY})`, { timeout: 3000 });
      expect(el.leafletMap!.getCenter().lat, 'the map did not pan').to.be.closeTo(center.lat, 1e-9);
      // The finger is told how to move the map, over it, for a moment.
      expect(hint.hidden, 'the hint shows').to.equal(false);
      expect(hint.textContent!.trim()).to.equal('Use two fingers to move the map');
      const [over, map] = [hint.getBoundingClientRect(), el.shadowRoot!.querySelector('.map')!.getBoundingClientRect()];
      expect([over.top, over.height, over.width]).to.deep.equal([map.top, map.height, map.width]);
      await waitUntil(() => hint.hidden, 'the hint never went', { timeout: 3000 });
    } finally {
      await executeServerCommand('gesture', { kind: 'touch-screen', on: false });
    }
  });
});
