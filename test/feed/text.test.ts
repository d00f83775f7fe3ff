import { expect } from '@open-wc/testing';
import { describe as describeValue, quote } from '../../src/feed/text.js';

describe('quote', () => {
  it('quotes feed text without control or bidi characters', () => {
    expect(quote('\u202AExample\u0000 Clinic\u2069\u061C')).to.equal('"Example Clinic"');
  });

  it('clips long text, never inside a surrogate pair', () => {
    expect(quote('x'.repeat(41))).to.equal(`"${'x'.repeat(40)}…"`);
    expect(quote('x'.repeat(40))).to.equal(`"${'x'.repeat(40)}"`);
    expect(quote(`${'x'.repeat(39)}🙂🙂`)).to.equal(`"${'x'.repeat(39)}…"`);
    expect(quote(`${'x'.repeat(38)}🙂🙂`)).to.equal(`"${'x'.repeat(38)}🙂…"`);
    expect(quote('y'.repeat(100), 80)).to.equal(`"${'y'.repeat(80)}…"`);
  });

  it('is how describe quotes text', () => {
    expect(describeValue(`\u202E${'z'.repeat(50)}`)).to.equal(quote('z'.repeat(50)));
  });
});
