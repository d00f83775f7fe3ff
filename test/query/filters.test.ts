import { expect } from '@open-wc/testing';
import { countFilters, matchesFilters, readFilterList } from '../../src/query/filters.js';
import { selectServices, withOpenAt } from '../../src/query/query.js';
import { fictionalService } from '../helpers/services.js';

const free = fictionalService('free', 1, { cost: 'free', languages: ['en', 'es'] });
const noId = fictionalService('noid', 2, { noIdRequired: true, types: ['drop-in'], languages: ['fr-CA'] });
const both = fictionalService('both', 3, { cost: 'free', noIdRequired: true, open24h: true, types: ['naloxone', 'drop-in'] });
const hours = fictionalService('hours', 4, { hours: [{ days: ['mo'], opens: '09:00', closes: '17:00' }] });
const all = [free, noId, both, hours];

describe('filters', () => {
  it('needs are all required; types and languages any of', () => {
    expect(all.filter((s) => matchesFilters(s, { needs: ['free', 'no-id'] })).map((s) => s.id)).to.deep.equal(['both']);
    expect(all.filter((s) => matchesFilters(s, { types: ['drop-in'] })).map((s) => s.id)).to.deep.equal(['noid', 'both']);
    expect(all.filter((s) => matchesFilters(s, { languages: ['fr', 'es'] })).map((s) => s.id)).to.deep.equal(['free', 'noid']);
  });

  it('"open now" asks the hours, and a service without hours is never open', () => {
    const isOpen = (s: { id: string; hours?: unknown }) => (s.hours ? s.id === 'hours' : undefined);
    expect(all.filter((s) => matchesFilters(s, { needs: ['open-now'] }, { isOpen })).map((s) => s.id)).to.deep.equal(['both', 'hours']);
    expect(
      all.filter((s) => matchesFilters(s, { needs: ['open-now'] })).map((s) => s.id),
      'without hours, only 24-hour services',
    ).to.deep.equal(['both']);
  });

  it('a temporarily closed service is never "open now" or "open 24 hours", whatever its usual hours say', () => {
    const closed = [
      fictionalService('closed-24h', 1, { open24h: true, status: 'temporarily-closed' }),
      fictionalService('closed-hours', 2, { hours: [{ days: ['mo'], opens: '09:00', closes: '17:00' }], status: 'temporarily-closed' }),
    ];
    const isOpen = () => true;
    expect(closed.filter((s) => matchesFilters(s, { needs: ['open-now'] }, { isOpen }))).to.deep.equal([]);
    expect(closed.filter((s) => matchesFilters(s, { needs: ['open-24h'] }, { isOpen }))).to.deep.equal([]);
    expect(countFilters(closed, {}, { isOpen }).needs['open-now']).to.equal(0);
  });

  it('counts what each choice would show, with the other groups applied', () => {
    const none = countFilters(all, {});
    expect(none.needs.free).to.equal(2);
    expect(none.needs['no-id']).to.equal(2);
    expect(none.types).to.deep.equal({ naloxone: 3, 'drop-in': 2 });
    expect(none.languages).to.deep.equal({ en: 1, es: 1, fr: 1 });
    const freeOn = countFilters(all, { needs: ['free'] });
    expect(freeOn.needs['no-id'], 'free and no ID').to.equal(1);
    expect(freeOn.types).to.deep.equal({ naloxone: 2, 'drop-in': 1 });
  });

  it('counts a service once per type and per language, however often its list repeats them', () => {
    // A service set through the property need not have been through the validator.
    const repeated = fictionalService('repeated', 5, { types: ['naloxone', 'drop-in', 'naloxone'], languages: ['es', 'ES-mx', 'en', 'es-419'] });
    const counts = countFilters([repeated, free], {});
    expect(counts.types).to.deep.equal({ naloxone: 2, 'drop-in': 1 });
    expect(counts.languages).to.deep.equal({ es: 2, en: 2 });
    expect(countFilters([repeated], { languages: ['en'] }).types, 'the other groups still narrow the count').to.deep.equal({ naloxone: 1, 'drop-in': 1 });
    expect(countFilters([repeated], { languages: ['fr'] }).types).to.deep.equal({});
  });

  it('withOpenAt: a new "open now" answer keeps what is shown and recounts, unless the "open now" filter is on', () => {
    const closedAll = () => false;
    const openHours = (s: { id: string }) => s.id === 'hours';
    const before = selectServices(all, { types: ['naloxone', 'drop-in'], isOpen: closedAll });
    expect(before.counts.needs['open-now']).to.equal(1);
    const after = withOpenAt(before, { types: ['naloxone', 'drop-in'], isOpen: openHours });
    expect(after.flags, 'the same flags').to.equal(before.flags);
    expect(after.mapped, 'the same mapped services: the map keeps its clusters').to.equal(before.mapped);
    expect([after.open, after.closed, after.total]).to.deep.equal([before.open, before.closed, before.total]);
    expect(after.counts.needs['open-now'], 'counted with the new answer').to.equal(2);
    expect(before.counts.needs['open-now'], 'the old selection keeps its counts').to.equal(1);

    const filtered = selectServices(all, { filters: { needs: ['open-now'] }, isOpen: closedAll });
    expect(filtered.mapped.map((s) => s.id)).to.deep.equal(['both']);
    const again = withOpenAt(filtered, { filters: { needs: ['open-now'] }, isOpen: openHours });
    expect(
      again.mapped.map((s) => s.id),
      'selected again',
    ).to.deep.equal(['both', 'hours']);
  });

  it('reads a partner preset, reporting unknown words', () => {
    expect(readFilterList('free, Open-Now, drop-in, es, tacos!')).to.deep.equal({
      filters: { types: ['drop-in'], needs: ['free', 'open-now'], languages: ['es'] },
      unknown: ['tacos!'],
    });
  });
});
