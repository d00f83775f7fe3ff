import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/nf-map/nf-map.js';
import type { NfMap } from '../../src/components/nf-map/nf-map.js';
import { fictionalService } from '../helpers/services.js';

const services = [fictionalService('a', 1), fictionalService('b', 2), fictionalService('c', 3)];

async function map(template = html`<nf-map tile-url="none" latitude="0" longitude="0"></nf-map>`) {
  const el = await fixture<NfMap>(template);
  el.services = services;
  await el.updateComplete;
  return el;
}

const markers = (el: NfMap) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.leaflet-marker-icon.nf-marker')];

describe('<nf-map>', () => {
  it('is defined and draws one named, keyboard-reachable marker per service, plus the origin', async () => {
    const el = await map();
    expect(el).to.be.instanceOf(customElements.get('nf-map'));
    expect(el.shadowRoot!.querySelector('.leaflet-container')).to.exist;
    expect(markers(el).map((m) => m.getAttribute('aria-label'))).to.deep.equal(services.map((s) => s.name));
    expect(markers(el).every((m) => m.tabIndex === 0 && m.getAttribute('role') === 'button')).to.equal(true);
    expect(markers(el)[0].querySelector('svg')).to.exist;
    const origin = el.shadowRoot!.querySelector('.nf-origin')!;
    expect(origin.getAttribute('aria-label')).to.equal('Starting point');
  });

  it('adopts Leaflet CSS inside its shadow root', async () => {
    const el = await map();
    const pane = el.shadowRoot!.querySelector('.leaflet-map-pane')!;
    expect(getComputedStyle(pane).position).to.equal('absolute');
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
    expect(event.detail.distance).to.be.closeTo(2, 1e-6);
    await el.updateComplete;
    expect(el.selectedId).to.equal('b');
    markers(el)[2].focus();
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const key = await oneEvent(el, 'nf-service-select');
    expect(key.detail.service.id).to.equal('c');
  });

  it('highlights the selected marker and pans to it', async () => {
    const el = await map(html`<nf-map tile-url="none" latitude="0" longitude="0" zoom="18"></nf-map>`);
    el.services = [...services, fictionalService('far', 50)];
    await el.updateComplete;
    el.leafletMap!.setView([0, 0], 14, { animate: false });
    el.selectedId = 'far';
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 400));
    const selected = el.shadowRoot!.querySelector('.nf-marker--selected')!;
    expect(selected.getAttribute('aria-label')).to.equal('Example Service far (fictional)');
    expect(selected.getAttribute('aria-pressed')).to.equal('true');
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

  it('is accessible', async () => {
    const el = await map();
    await expect(el).to.be.accessible();
  });
});
