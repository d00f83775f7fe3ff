import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/nf-service-list/nf-service-list.js';
import type { NfServiceList } from '../../src/components/nf-service-list/nf-service-list.js';
import { fictionalService } from '../helpers/services.js';
import { errorsDuring } from '../helpers/console.js';
import { rawFeed, rawFeedError } from '../helpers/raw-feed.js';
import type { HoursRule, Service } from '../../src/types.js';

const services: Service[] = [
  fictionalService('far', 12.3, { types: ['treatment'] }),
  fictionalService('near', 0.5, {
    types: ['syringe-services', 'naloxone'],
    address: { street: '1 Example St', city: 'Exampleton', region: 'BC', postalCode: 'V0V 0V0' },
    phone: '604-555-0100 x12',
    website: 'https://example.org/near',
  }),
  fictionalService('mid', 3.21),
];

const names = (el: NfServiceList) => [...el.shadowRoot!.querySelectorAll('[part="name"]')].map((b) => b.textContent!.trim());
const items = (el: NfServiceList) => [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('li[part="item"]')];

async function list(template = html`<nf-service-list latitude="0" longitude="0" units="km"></nf-service-list>`, data = services) {
  const el = await fixture<NfServiceList>(template);
  el.services = data;
  await el.updateComplete;
  return el;
}

describe('<nf-service-list>', () => {
  it('is defined and lists services nearest first with distance, types, address and links', async () => {
    const el = await list();
    expect(el).to.be.instanceOf(customElements.get('nf-service-list'));
    expect(names(el)).to.deep.equal(['Example Service near (fictional)', 'Example Service mid (fictional)', 'Example Service far (fictional)']);
    const [first, second, third] = items(el);
    expect(first.querySelector('[part="distance"]')!.textContent).to.equal('0.5 km');
    expect(second.querySelector('[part="distance"]')!.textContent).to.equal('3.2 km');
    expect(third.querySelector('[part="distance"]')!.textContent).to.equal('12 km');
    expect([...first.querySelectorAll('.types li')].map((l) => l.textContent)).to.deep.equal(['Naloxone', 'Syringe services']);
    expect(first.querySelector('address')!.innerText).to.equal('1 Example St\nExampleton, BC V0V 0V0');
    const links = [...first.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['tel:6045550100,12', `https://www.google.com/maps/dir/?api=1&destination=${services[1].lat},0`, 'https://example.org/near']);
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal('3 services');
  });

  it('reads services that were never validated (a whole feed, numbers as text) as a native feed: the good ones listed, the console says so, once', async () => {
    const feed = rawFeed();
    const { errors, result: el } = await errorsDuring(() => list(undefined, feed as unknown as Service[]));
    expect(names(el)).to.deep.equal(['Example Service near (fictional)', 'Example Service far (fictional)']);
    expect(errors).to.deep.equal([rawFeedError('nf-service-list')]);
    const again = await errorsDuring(async () => {
      el.services = feed as unknown as Service[];
      el.latitude = 0.001;
      await el.updateComplete;
    });
    expect(again.errors, 'the same feed again is not read or reported again').to.deep.equal([]);
    expect(names(el)).to.have.length(2);
    const text = await errorsDuring(async () => {
      el.services = 'services.json' as unknown as Service[];
      await el.updateComplete;
    });
    expect(text.errors).to.deep.equal(['nf-service-list: services must be a list of services, got "services.json"; none are shown.']);
    expect(el.shadowRoot!.textContent).to.contain('This list has no services yet.');
  });

  it('reads records that look validated but hold hours, a date or a zone as written as a native feed, not as if validated', async () => {
    const raw = [
      { id: 'h', name: 'Example Hours (fictional)', lat: 0.001, lng: 0, types: ['naloxone'], hours: 'Mon-Fri 9am-5pm', timezone: 'America/Vancouver' },
      {
        id: 'r',
        name: 'Example Rules (fictional)',
        lat: 0.002,
        lng: 0,
        types: ['naloxone'],
        hours: [{ days: 'mo', opens: '9am', closes: '5pm' }],
        timezone: 'America/Vancouver',
      },
      { id: 'd', name: 'Example Date (fictional)', lat: 0.003, lng: 0, types: ['naloxone'], lastVerified: 'last spring', timezone: 'Nowhere/Else' },
    ];
    const { errors, result: el } = await errorsDuring(() => list(undefined, raw as unknown as Service[]));
    expect(errors[0]).to.equal(
      'nf-service-list: services were not validated services (those parseFeedData gives), so they were read as a native feed: 3 of 3 kept.',
    );
    expect(names(el)).to.deep.equal(['Example Hours (fictional)', 'Example Rules (fictional)', 'Example Date (fictional)']);
    // Their hours read as a feed's are: a status, not an error.
    expect(items(el)[0].querySelector('[part="hours-status"]')!.textContent).to.match(/^(Open now|Closed|Closes|Opens)/);
    expect(items(el)[1].querySelector('[part="hours-status"]')!.textContent).to.match(/^(Open now|Closed|Closes|Opens)/);
  });

  it('shows miles when asked, and no distances without an origin (feed order)', async () => {
    const miles = await list(html`<nf-service-list latitude="0" longitude="0" units="mi"></nf-service-list>`);
    expect(items(miles)[0].querySelector('[part="distance"]')!.textContent).to.equal('0.3 mi');
    const none = await list(html`<nf-service-list></nf-service-list>`);
    expect(names(none)[0]).to.equal('Example Service far (fictional)');
    expect(none.shadowRoot!.querySelector('[part="distance"]')).to.equal(null);
  });

  it('shows `limit` results and a "Show more" button that reveals the next ones and moves focus to them', async () => {
    const many = Array.from({ length: 7 }, (_, i) => fictionalService(`n${i}`, i + 1));
    const el = await list(html`<nf-service-list latitude="0" longitude="0" limit="3"></nf-service-list>`, many);
    expect(items(el)).to.have.length(3);
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal('Showing 3 of 7 services');
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]')!;
    expect(more.textContent).to.equal('Show 3 more');
    more.click();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r));
    expect(items(el)).to.have.length(6);
    expect(el.shadowRoot!.activeElement!.textContent).to.equal('Example Service n3 (fictional)');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]')!.click();
    await el.updateComplete;
    expect(items(el)).to.have.length(7);
    expect(el.shadowRoot!.querySelector('[part="show-more"]')).to.equal(null);
  });

  it('shows the focus ring on the heading that "Show more" pressed by keyboard moves the focus to', async () => {
    const many = Array.from({ length: 4 }, (_, i) => fictionalService(`k${i}`, i + 1));
    const el = await list(html`<nf-service-list latitude="0" longitude="0" limit="2"></nf-service-list>`, many);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await new Promise((r) => setTimeout(r));
    const heading = el.shadowRoot!.activeElement as HTMLElement;
    expect(heading.textContent).to.equal('Example Service k2 (fictional)');
    expect(heading.matches(':focus-visible')).to.equal(true);
    const style = getComputedStyle(heading);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });

  it('scales every text with --nf-font-size: names, type labels and the date checked too', async () => {
    const el = await list(html`<nf-service-list style="--nf-font-size: 20px" latitude="0" longitude="0"></nf-service-list>`, [
      fictionalService('f', 1, { lastVerified: '2026-10-30' }),
    ]);
    const item = items(el)[0];
    const size = (selector: string) => parseFloat(getComputedStyle(item.querySelector(selector)!).fontSize);
    expect(size('.heading')).to.be.closeTo(21, 0.01);
    expect(size('.types li')).to.be.closeTo(17, 0.01);
    item.querySelector<HTMLButtonElement>('[part="details-button"]')!.click();
    await el.updateComplete;
    expect(size('[part="verified"]')).to.be.closeTo(17, 0.01);
  });

  it('filters by `types`', async () => {
    const el = await list(html`<nf-service-list latitude="0" longitude="0" types="treatment, syringe-services"></nf-service-list>`);
    expect(names(el)).to.deep.equal(['Example Service near (fictional)', 'Example Service far (fictional)']);
    el.setAttribute('types', 'Treatment, SSP, tacos');
    await el.updateComplete;
    expect(names(el), 'labels and common spellings work too').to.deep.equal(['Example Service near (fictional)', 'Example Service far (fictional)']);
    el.types = ['wound-care'];
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('No services of the chosen kinds are listed.');
  });

  it('selects a service with "Show on map": fires nf-service-select with the distance and marks it current', async () => {
    const el = await list();
    const button = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.show-on-map')[1];
    const near = el.shadowRoot!.querySelector<HTMLButtonElement>('button.show-on-map')!;
    expect(near.textContent!.replace(/\s+/g, ' ').trim(), 'names the place, so chains are told apart').to.equal(
      'Show on map: Example Service near (fictional), 1 Example St',
    );
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'nf-service-select');
    expect(event.detail.service.id).to.equal('mid');
    // 3.21 km from the origin, given as the list shows it ("3.2 km"), never finer.
    expect(items(el)[1].querySelector('[part="distance"]')!.textContent).to.equal('3.2 km');
    expect(event.detail.distance).to.equal(3.2);
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(items(el)[1].getAttribute('aria-current')).to.equal('true');
    expect(button.hasAttribute('aria-pressed'), 'an action, not a toggle that cannot be un-pressed').to.equal(false);
    expect(items(el)[0].getAttribute('aria-current')).to.equal('false');
  });

  it('moves between results with arrow keys, Home and End, and selects with Enter', async () => {
    const el = await list();
    const focused = () => el.shadowRoot!.activeElement!.closest('li')!.querySelector('[part="name"]')!.textContent;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.show-on-map')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal('Example Service mid (fictional)');
    expect(el.shadowRoot!.activeElement!.matches('button.show-on-map'), 'the same control in the next result').to.equal(true);
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal('Example Service far (fictional)');
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal('Example Service far (fictional)');
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal('Example Service near (fictional)');
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const event = await oneEvent(el, 'nf-service-select');
    expect(event.detail.service.id).to.equal('near');
  });

  it('scrolls a service selected from outside into view', async () => {
    const many = Array.from({ length: 20 }, (_, i) => fictionalService(`n${i}`, i + 1));
    const el = await list(html`<nf-service-list latitude="0" longitude="0" style="display:block;height:320px;overflow:auto"></nf-service-list>`, many);
    el.selectedId = 'n15';
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 600));
    const box = el.getBoundingClientRect();
    const item = items(el)[15].getBoundingClientRect();
    expect(item.top).to.be.at.least(box.top - 1);
    expect(item.bottom).to.be.at.most(box.bottom + 1);
    expect(items(el)[15].getAttribute('aria-current')).to.equal('true');
  });

  it('never turns an unsafe website into a link', async () => {
    const el = await list(html`<nf-service-list></nf-service-list>`, [{ ...fictionalService('x', 1), website: 'javascript:alert(1)' }]);
    const hrefs = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
    expect(hrefs.every((h) => /^(https?|tel|mailto):/.test(h))).to.equal(true);
    expect(el.shadowRoot!.textContent).not.to.contain('Website');
  });

  it('shows the country only when it is not the page region, by name', async () => {
    const abroad = { ...services[1], address: { city: 'Exampleton', country: 'CA' } };
    const el = await list(html`<nf-service-list lang="en-US"></nf-service-list>`, [abroad]);
    expect(el.shadowRoot!.querySelector('address')!.innerText).to.equal('Exampleton\nCanada');
    el.lang = 'en-CA';
    el.requestUpdate();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('address')!.innerText).to.equal('Exampleton');
  });

  it('with `selectable` off has no "Show on map", and "Show more" still moves focus', async () => {
    const many = Array.from({ length: 4 }, (_, i) => fictionalService(`n${i}`, i + 1));
    const el = await list(html`<nf-service-list latitude="0" longitude="0" limit="2" .selectable=${false}></nf-service-list>`, many);
    expect(el.shadowRoot!.querySelector('button.show-on-map')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[role="heading"][aria-level="3"] [part="name"]')!.textContent).to.equal('Example Service n0 (fictional)');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]')!.click();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r));
    expect(el.shadowRoot!.activeElement!.textContent!.trim()).to.equal('Example Service n2 (fictional)');
  });

  it('shows what a visitor needs to know before going: cost, ID, walk-in, languages, closures, last check', async () => {
    const detailed = fictionalService('d', 1, {
      cost: 'free',
      noIdRequired: true,
      walkIn: true,
      anonymous: true,
      peerRun: true,
      open24h: true,
      languages: ['en', 'es', 'zh-Hant'],
      status: 'temporarily-closed',
      lastVerified: '2026-10-30',
      hoursNote: 'Closed on statutory holidays.',
      email: 'hello@example.org',
    });
    const el = await list(html`<nf-service-list lang="en-US" latitude="0" longitude="0"></nf-service-list>`, [detailed]);
    const item = items(el)[0];
    expect([...item.querySelectorAll('[part="features"] li')].map((li) => li.textContent)).to.deep.equal([
      'Free',
      'No ID needed',
      'Walk-in',
      'Anonymous',
      'Peer-run',
      'Languages: English, Spanish, Traditional Chinese',
    ]);
    expect(item.querySelector('[part="status"]')!.textContent).to.equal('Temporarily closed');
    // Its usual hours ("Open 24 hours") must not say it is open, now or at all, beside "Temporarily closed".
    expect(item.querySelector('[part="hours-status"]')).to.equal(null);
    expect(item.textContent).not.to.contain('Open 24 hours');
    // The date checked and the hours note are in the details.
    item.querySelector<HTMLButtonElement>('[part="details-button"]')!.click();
    await el.updateComplete;
    expect(item.querySelector('[part="verified"]')!.textContent).to.equal('Information checked Oct 30, 2026');
    expect(item.textContent).to.contain('Closed on statutory holidays.');
    expect(item.querySelector('a[href="mailto:hello@example.org"]')).to.exist;
    const paid = await list(html`<nf-service-list></nf-service-list>`, [fictionalService('p', 1, { cost: 'Sliding scale' })]);
    expect(items(paid)[0].querySelector('[part="features"]')!.textContent!.trim()).to.equal('Cost: Sliding scale');
  });

  it('says "Open 24 hours" once: in the hours line, not again among the features', async () => {
    const el = await list(html`<nf-service-list lang="en-US"></nf-service-list>`, [fictionalService('o', 1, { open24h: true, walkIn: true })]);
    const text = items(el)[0].textContent!;
    expect(text.split('Open 24 hours')).to.have.length(2);
    expect(items(el)[0].querySelector('[part="hours-status"]')!.textContent).to.equal('Open 24 hours');
  });

  it('shows hours that give no "Open now" in the item, as written, in the page language', async () => {
    const written = fictionalService('w', 1, { hoursNote: 'Mon-Fri 9-5, Sat by appointment' });
    const ruled = fictionalService('r', 2, { hours: [{ days: ['mo'], opens: '09:00', closes: '17:00' }], timezone: 'UTC', hoursNote: 'Closed holidays' });
    const el = await list(html`<nf-service-list lang="en-US" latitude="0" longitude="0"></nf-service-list>`, [written, ruled]);
    const [first, second] = items(el);
    expect(first.querySelector('[part="hours-note"]')!.textContent).to.equal('Hours: Mon-Fri 9-5, Sat by appointment');
    expect(first.querySelector('[part="hours-status"]')).to.equal(null);
    // Shown whole in the item, so the details (with nothing else to tell) do not repeat it.
    expect(first.querySelector('[part="details-button"]')).to.equal(null);
    // Hours with a status keep their note for the details.
    expect(second.querySelector('[part="hours-note"]')).to.equal(null);
    expect(second.querySelector('[part="hours-status"]')).to.exist;
    second.querySelector<HTMLButtonElement>('[part="details-button"]')!.click();
    await el.updateComplete;
    expect(second.querySelector('[part="details"]')!.textContent).to.contain('Closed holidays');
    el.lang = 'es';
    await waitUntil(() => first.querySelector('[part="hours-note"]')!.textContent!.startsWith('Horario'), 'still in English', { timeout: 5000 });
    expect(first.querySelector('[part="hours-note"]')!.textContent).to.equal('Horario: Mon-Fri 9-5, Sat by appointment');
  });
  it('names languages the browser cannot name (ASL, Cree) from the strings, in the page language', async () => {
    const signs = fictionalService('asl', 1, { languages: ['ase', 'cr', 'es'] });
    const el = await list(html`<nf-service-list lang="en-US" latitude="0" longitude="0"></nf-service-list>`, [signs]);
    const languages = () => items(el)[0].querySelector('[part="features"] li')!.textContent;
    expect(languages()).to.equal('Languages: American Sign Language, Cree, Spanish');
    el.lang = 'fr-CA';
    await waitUntil(() => languages()!.includes('langue des signes américaine'), `still "${languages()}"`, { timeout: 5000 });
    expect(languages()).to.equal('Langues\u00a0: langue des signes américaine, cri, espagnol');
  });

  it('says when there is nothing to list', async () => {
    const el = await list(html`<nf-service-list></nf-service-list>`, []);
    expect(el.shadowRoot!.textContent).to.contain('This list has no services yet.');
  });

  it('tells listeners which results are visible, once per change, and nothing before there are any', async () => {
    const seen: string[][] = [];
    const record = (e: Event) => seen.push((e as CustomEvent).detail.services.map((s: Service) => s.id));
    document.addEventListener('nf-results-change', record);
    try {
      const el = await fixture<NfServiceList>(html`<nf-service-list latitude="0" longitude="0" limit="2"></nf-service-list>`);
      expect(seen, 'no empty event for the first render').to.deep.equal([]);
      setTimeout(() => (el.services = services));
      const event = await oneEvent(el, 'nf-results-change');
      expect(event.detail.services.map((s: Service) => s.id)).to.deep.equal(['near', 'mid']);
      // Once there were results, their going away is a change to tell.
      el.types = ['drop-in'];
      await el.updateComplete;
      expect(seen).to.deep.equal([['near', 'mid'], []]);
    } finally {
      document.removeEventListener('nf-results-change', record);
    }
  });

  it('is accessible', async () => {
    const el = await list();
    await expect(el).to.be.accessible();
  });

  it('wraps long unbroken cost and phone text inside the item instead of clipping it', async () => {
    const long = fictionalService('long', 1, { cost: 'Sliding-scale'.repeat(20), phone: '6045550100'.repeat(12) });
    const el = await list(html`<nf-service-list latitude="0" longitude="0" style="display:block;width:320px"></nf-service-list>`, [long]);
    const item = items(el)[0];
    const box = item.getBoundingClientRect();
    for (const part of item.querySelectorAll<HTMLElement>('.features li, .actions > *')) {
      const r = part.getBoundingClientRect();
      expect(r.right, `${part.textContent!.slice(0, 20)}… stays inside the item`).to.be.at.most(box.right + 0.5);
      expect(part.scrollWidth, 'nothing is clipped').to.be.at.most(part.clientWidth + 1);
    }
  });

  it('lists ranked results as given by a composite, without an origin of its own', async () => {
    const el = await list(html`<nf-service-list units="km"></nf-service-list>`);
    el.results = [
      { service: services[2], distanceKm: 2 },
      { service: services[0], distanceKm: 7.5 },
    ];
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Example Service mid (fictional)', 'Example Service far (fictional)']);
    expect(items(el).map((i) => i.querySelector('[part="distance"]')!.textContent)).to.deep.equal(['2.0 km', '7.5 km']);
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('button.show-on-map')!.click());
    const { detail } = await oneEvent(el, 'nf-service-select');
    expect(detail.distance).to.equal(2);
  });

  it('opens the details of a result in place: full description, accessibility, checked date, out-of-date note, report link', async () => {
    const long = `${'A fictional description that goes on. '.repeat(8)}The end.`;
    const old = fictionalService('old', 1, { description: long, accessibility: 'Step-free entrance (fictional)', lastVerified: '2020-01-15' });
    const fresh = fictionalService('fresh', 2, { lastVerified: new Date().toISOString().slice(0, 10) });
    const el = await list(html`<nf-service-list latitude="0" longitude="0" .reportUrl=${'https://example.org/report?id={id}&name={name}'}></nf-service-list>`, [
      old,
      fresh,
    ]);
    const [first, second] = items(el);
    const button = first.querySelector<HTMLButtonElement>('[part="details-button"]')!;
    const details = first.querySelector<HTMLElement>('[part="details"]')!;
    expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Details: Example Service old (fictional)');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(details.hidden).to.equal(true);
    expect(details.childElementCount, 'a closed panel holds nothing: a new origin re-renders every item').to.equal(0);
    expect(first.querySelector('.description')!.textContent!.endsWith('…'), 'the result shows the start').to.equal(true);
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(details.hidden).to.equal(false);
    expect(details.textContent).to.contain(long);
    expect(details.textContent).to.contain('Accessibility: Step-free entrance (fictional)');
    expect(details.querySelector('[part="verified"]')!.textContent).to.match(/^Information checked .*2020/);
    expect(details.querySelector('[part="stale-note"]')!.textContent).to.equal('This information may be out of date.');
    expect(details.querySelector('[part="report"]')!.getAttribute('href')).to.equal(
      'https://example.org/report?id=old&name=Example%20Service%20old%20(fictional)',
    );
    expect(second.querySelector('[part="stale-note"]'), 'checked today').to.equal(null);
    await expect(el).to.be.accessible();
    button.click();
    await el.updateComplete;
    expect(details.hidden).to.equal(true);
    expect(details.childElementCount, 'closed again, emptied again').to.equal(0);
  });

  it('offers Details for a week of hours alone, and draws the week only when opened', async () => {
    const hours: HoursRule[] = [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }];
    const weekly = fictionalService('weekly', 1, { hours, timezone: 'America/Vancouver' });
    const el = await list(html`<nf-service-list latitude="0" longitude="0"></nf-service-list>`, [weekly]);
    const [item] = items(el);
    expect(item.querySelector('[part="hours-week"]')).to.equal(null);
    item.querySelector<HTMLButtonElement>('[part="details-button"]')!.click();
    await el.updateComplete;
    expect(item.querySelectorAll('[part="hours-week"] tbody tr')).to.have.length(7);
  });

  it('keeps the week of hours within a narrow screen at large text: each day above its hours, not a table wider than the list', async () => {
    const hours: HoursRule[] = [
      { days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '12:00' },
      { days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '13:00', closes: '17:00' },
    ];
    const weekly = fictionalService('weekly', 1, { hours, timezone: 'America/Vancouver' });
    const el = await list(html`<nf-service-list lang="en-US" style="display:block;width:300px;--nf-font-size:32px"></nf-service-list>`, [weekly]);
    const [item] = items(el);
    item.querySelector<HTMLButtonElement>('[part="details-button"]')!.click();
    await el.updateComplete;
    const week = item.querySelector<HTMLElement>('[part="hours-week"]')!;
    expect(week.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
    expect(item.scrollWidth).to.be.at.most(item.clientWidth);
    // Still read as a table of days and hours.
    expect(week.querySelectorAll('th[scope="row"]')).to.have.length(7);
    el.style.cssText = 'display:block;width:900px';
    await new Promise((r) => requestAnimationFrame(r));
    const [monday] = week.querySelectorAll('tr');
    expect(monday.querySelector('th')!.getBoundingClientRect().top, 'side by side where there is room').to.equal(
      monday.querySelector('td')!.getBoundingClientRect().top,
    );
  });

  it('lays out a description and an address in their own direction (right to left for Arabic on an English page)', async () => {
    const arabic = fictionalService('ar', 1, {
      name: 'مركز مثال (خيالي)',
      description: 'نقدم النالوكسون مجاناً.',
      address: { street: '١ شارع المثال', city: 'مدينة المثال' },
    });
    const el = await list(html`<nf-service-list lang="en"></nf-service-list>`, [arabic]);
    const [item] = items(el);
    expect(getComputedStyle(item.querySelector('.description span')!).direction).to.equal('rtl');
    expect(getComputedStyle(item.querySelector('[part="address"] span')!).direction).to.equal('rtl');
    // The paragraph itself keeps the page's direction, so its lines start where the others do.
    expect(getComputedStyle(item.querySelector('.description')!).direction).to.equal('ltr');
    const english = await list(html`<nf-service-list lang="en"></nf-service-list>`, [fictionalService('en', 1, { description: 'Free naloxone.' })]);
    expect(getComputedStyle(items(english)[0].querySelector('.description span')!).direction).to.equal('ltr');
  });

  it('refuses a report-url that is not http(s) or mailto', async () => {
    const { errors, result: el } = await errorsDuring(() =>
      list(html`<nf-service-list latitude="0" longitude="0" report-url="javascript:alert('{id}')"></nf-service-list>`),
    );
    expect(el.shadowRoot!.querySelector('[part="report"]')).to.equal(null);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('report-url="javascript:alert(\'{id}\')"');
  });

  it('offers no Details button when there is nothing more to tell, and writes large counts with separators', async () => {
    const plain = fictionalService('plain', 1);
    const many = Array.from({ length: 1234 }, (_, i) => fictionalService(`m${i}`, 2 + i / 1000));
    const el = await list(html`<nf-service-list latitude="0" longitude="0"></nf-service-list>`, [plain, ...many]);
    expect(items(el)[0].querySelector('[part="details-button"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal('Showing 20 of 1,235 services');
    expect(el.shadowRoot!.querySelector('[part="show-more"]')!.textContent).to.equal('Show 20 more');
  });
});
