import { expect } from '@open-wc/testing';
import { searchPlaces, MAX_QUERY_LENGTH, type Place, type PlaceSearchResult } from '../../src/places/index.js';
import { editDistance } from '../../src/places/search.js';
import { normalizeName } from '../../src/places/normalize.js';

function found(result: PlaceSearchResult): Place {
  if (result.kind !== 'found') throw new Error(`expected one place, got ${JSON.stringify(result).slice(0, 300)}`);
  return result.place;
}
function choices(result: PlaceSearchResult, reason: 'ambiguous' | 'similar'): Place[] {
  if (result.kind !== 'choices' || result.reason !== reason) throw new Error(`expected ${reason} choices, got ${JSON.stringify(result).slice(0, 300)}`);
  return result.places;
}

describe('searchPlaces', () => {
  it('finds a US ZIP code with its town and state, leading zero kept', async () => {
    const cambridge = found(await searchPlaces('02139'));
    expect(cambridge.label).to.equal('02139 (Cambridge, MA)');
    expect(cambridge).to.include({ kind: 'zip', name: '02139', region: 'MA', country: 'US' });
    expect(cambridge.latitude).to.be.closeTo(42.36, 0.02);
    expect(cambridge.longitude).to.be.closeTo(-71.1, 0.02);
    const pittsburgh = found(await searchPlaces(' 15213-1234 '));
    expect(pittsburgh.label).to.equal('15213 (Pittsburgh, PA)');
  });

  it('names a ZIP whose postal town is small after the nearest larger town, saying "near"', async () => {
    // 16693 is Williamsburg, PA (about 1,200 people); Hollidaysburg and Altoona are the nearest larger towns.
    const place = found(await searchPlaces('16693'));
    expect(place.near).to.equal(true);
    expect(place.label).to.match(/^16693 \(near [^,]+, PA\)$/);
    // In the visitor's language: the place search passes its word.
    expect(found(await searchPlaces('16693', { near: 'cerca de' })).label).to.match(/^16693 \(cerca de [^,]+, PA\)$/);
  });

  it('finds a Canadian postal district by its first three characters or a full postal code', async () => {
    const v6b = found(await searchPlaces('v6b'));
    expect(v6b).to.include({ kind: 'postal-district', label: 'V6B (Vancouver, BC)', region: 'BC', country: 'CA' });
    expect(v6b.latitude).to.be.closeTo(49.28, 0.02);
    expect(found(await searchPlaces('M5V 3L9')).label).to.equal('M5V (Downtown Toronto, ON)');
  });

  it('says a well-formed code does not exist, and which kind it is', async () => {
    expect(await searchPlaces('00000')).to.deep.equal({ kind: 'unknown-code', code: '00000', codeKind: 'zip' });
    expect(await searchPlaces('Z9Z')).to.deep.equal({ kind: 'unknown-code', code: 'Z9Z', codeKind: 'postal-district' });
    // A military code exists but has no place on a map.
    expect(await searchPlaces('34001')).to.deep.equal({ kind: 'unknown-code', code: '34001', codeKind: 'zip', located: false });
  });

  it('ignores case, accents and punctuation in names', async () => {
    expect(found(await searchPlaces('montreal')).label).to.equal('Montréal, QC');
    expect(found(await searchPlaces('MONTRÉAL!')).label).to.equal('Montréal, QC');
    for (const q of ['st louis', 'St. Louis', 'saint louis']) {
      const places = choices(await searchPlaces(q), 'ambiguous');
      expect(places[0].label, q).to.equal('St. Louis, MO');
    }
  });

  it('offers every Springfield with its state, largest first', async () => {
    const places = choices(await searchPlaces('Springfield'), 'ambiguous');
    expect(places.length).to.be.greaterThan(10);
    expect(places.slice(0, 3).map((p) => p.label)).to.deep.equal(['Springfield, MO', 'Springfield, MA', 'Springfield, IL']);
    expect(places.every((p) => p.name === 'Springfield' && /^[A-Z]{2}$/.test(p.region ?? ''))).to.equal(true);
    const populations = places.map((p) => p.population ?? 0);
    expect(populations).to.deep.equal([...populations].sort((a, b) => b - a));
  });

  it('puts matches in the preferred region or country first', async () => {
    expect(choices(await searchPlaces('Springfield', { region: 'PA' }), 'ambiguous')[0].label).to.equal('Springfield, PA');
    expect(choices(await searchPlaces('springfield', { region: 'pa' }), 'ambiguous')[0].label).to.equal('Springfield, PA');
    const richmond = choices(await searchPlaces('Richmond', { region: 'CA' }), 'ambiguous');
    expect(richmond[0].country).to.equal('CA');
    expect(richmond[0].label).to.equal('Richmond, BC');
  });

  it('reads a state after the name as a limit', async () => {
    expect(found(await searchPlaces('Springfield, IL')).label).to.equal('Springfield, IL');
    expect(found(await searchPlaces('springfield il')).label).to.equal('Springfield, IL');
  });

  it('offers close matches for a typo', async () => {
    const places = choices(await searchPlaces('Pitsburgh'), 'similar');
    expect(places[0].label).to.equal('Pittsburgh, PA');
    expect(places.length).to.be.at.most(8);
    expect(choices(await searchPlaces('Vancuover'), 'similar').map((p) => p.label)).to.include('Vancouver, BC');
  });

  it('searches the partner places first', async () => {
    const places = [
      { name: 'Downtown Eastside', latitude: 49.281, longitude: -123.099, region: 'Vancouver' },
      { name: 'Springfield', latitude: 10, longitude: 20 },
    ];
    expect(found(await searchPlaces('downtown eastside', { places }))).to.deep.equal({
      kind: 'partner',
      label: 'Downtown Eastside, Vancouver',
      name: 'Downtown Eastside',
      region: 'Vancouver',
      latitude: 49.281,
      longitude: -123.099,
    });
    const springfields = choices(await searchPlaces('Springfield', { places, region: 'PA' }), 'ambiguous');
    expect(springfields[0]).to.include({ kind: 'partner', label: 'Springfield' });
    expect(springfields[1].label).to.equal('Springfield, PA');
    // A partner place without usable coordinates is ignored, not an error.
    const broken = [{ name: 'Nowhere', latitude: NaN, longitude: 0 }];
    expect((await searchPlaces('Nowhere', { places: broken })).kind).to.not.equal('found');
  });

  it('answers bad input with a clear kind, never an exception', async () => {
    expect(await searchPlaces('')).to.deep.equal({ kind: 'invalid', reason: 'empty' });
    expect(await searchPlaces('   ')).to.deep.equal({ kind: 'invalid', reason: 'empty' });
    expect(await searchPlaces('a'.repeat(500))).to.deep.equal({ kind: 'invalid', reason: 'too-long' });
    expect((await searchPlaces('a'.repeat(MAX_QUERY_LENGTH))).kind).to.equal('not-found');
    expect(await searchPlaces('🏠🚑')).to.deep.equal({ kind: 'invalid', reason: 'no-letters-or-digits' });
    expect(await searchPlaces('1521')).to.deep.equal({ kind: 'invalid', reason: 'zip-digits' });
    expect((await searchPlaces('<script>alert(1)</script>')).kind).to.equal('not-found');
    expect((await searchPlaces('Qwxzvbnm')).kind).to.equal('not-found');
    expect(await searchPlaces(undefined as unknown as string)).to.deep.equal({ kind: 'invalid', reason: 'empty' });
  });
});

describe('place names and edit distance', () => {
  it('normalizes names', () => {
    expect(normalizeName('  Saint-Jean-sur-Richelieu ')).to.equal('saint jean sur richelieu');
    expect(normalizeName('Ste. Anne')).to.equal('sainte anne');
    expect(normalizeName("Coeur d'Alene")).to.equal('coeur d alene');
  });
  it('counts edits, stopping past the limit', () => {
    expect(editDistance('pitsburgh', 'pittsburgh', 2)).to.equal(1);
    expect(editDistance('vancuover', 'vancouver', 2)).to.equal(1);
    expect(editDistance('abc', 'xyz', 1)).to.equal(2);
    expect(editDistance('boston', 'boston', 0)).to.equal(0);
  });
});
