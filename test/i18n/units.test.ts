import { expect } from '@open-wc/testing';
import { defaultUnits } from '../../src/i18n/units.js';

describe('defaultUnits', () => {
  it('uses miles for US and UK English, km elsewhere', () => {
    expect(defaultUnits('en-US', '')).to.equal('mi');
    expect(defaultUnits('en-GB', '')).to.equal('mi');
    expect(defaultUnits('en-CA', '')).to.equal('km');
    expect(defaultUnits('fr-CA', 'en-US')).to.equal('km');
    expect(defaultUnits('es', '')).to.equal('km');
  });

  it("takes the browser's region when the page gives only a language", () => {
    expect(defaultUnits('en', 'en-CA')).to.equal('km');
    expect(defaultUnits('en', 'en-US')).to.equal('mi');
    expect(defaultUnits('', 'en-GB')).to.equal('mi');
    expect(defaultUnits('de', 'en-US')).to.equal('km');
  });
});
