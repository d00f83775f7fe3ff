import { expect } from '@open-wc/testing';
import { mainCountry, readCountry } from '../../src/components/nf-overdose-card/emergency-number.js';
import { fictionalService } from '../helpers/services.js';

// Country codes read without building Intl's region names where the overdose card's own table
// knows them (src/components/nf-overdose-card/emergency-number.ts): building them is a long
// task on a slow phone, in the finder's first render when its place is in North America.

describe('readCountry and Intl.DisplayNames', () => {
  const Original = Intl.DisplayNames;
  let made = 0;
  const intl = Intl as { DisplayNames: typeof Intl.DisplayNames };
  before(() => {
    intl.DisplayNames = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made++;
      }
    };
  });
  after(() => {
    intl.DisplayNames = Original;
  });

  it('the table’s countries, in any case, without Intl; others through Intl, built once', () => {
    expect(['us', ' CA ', 'Mx', 'GB', 'au', 'NZ'].map(readCountry)).to.deep.equal(['US', 'CA', 'MX', 'GB', 'AU', 'NZ']);
    expect(made, 'region names built').to.equal(0);
    expect(readCountry('fr')).to.equal('FR');
    expect(readCountry('AA'), 'a code that names no region').to.equal(undefined);
    expect(readCountry('USA')).to.equal(undefined);
    expect(made, 'region names built').to.equal(1);
  });

  it('mainCountry: the majority of the services that name one, each way of writing it read once', () => {
    const services = Array.from({ length: 30 }, (_, i) =>
      fictionalService(`c-${i}`, i, { address: { country: i < 20 ? (i % 2 ? 'us' : ' US') : i < 25 ? 'Kanada' : 'ca' } }),
    );
    expect(mainCountry(services)).to.equal('US');
    expect(mainCountry(services.slice(10))).to.equal(undefined);
  });
});
