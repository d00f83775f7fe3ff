import { expect, fixture, html, oneEvent } from '@open-wc/testing';
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

  it('credits OpenStreetMap for the default tiles', async () => {
    const el = await fixture<NfMap>(html`<nf-map></nf-map>`);
    expect(el.tileUrl).to.equal('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(el.shadowRoot!.querySelector('.leaflet-control-attribution')!.textContent).to.contain('OpenStreetMap');
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
