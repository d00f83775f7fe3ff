import { expect } from '@open-wc/testing';
import { normalizeWebUrl, safeWebUrl, telUrl, webUrlProblem } from '../../src/util/safe-url.js';
import { directionsHref } from '../../src/util/attributes.js';
import { errorsDuring } from '../helpers/console.js';

describe('safeWebUrl', () => {
  it('keeps http and https URLs', () => {
    expect(safeWebUrl('https://example.org/a?b=1')).to.equal('https://example.org/a?b=1');
    expect(safeWebUrl('  http://example.org ')).to.equal('http://example.org/');
  });

  for (const bad of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '/relative/path',
    'not a url',
    '',
    'https://user:secret@example.org/',
    'https://user@example.org/',
    'https://:secret@example.org/',
    'http://example.org@evil.example/',
  ]) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      expect(safeWebUrl(bad)).to.equal(undefined);
    });
  }
});

describe('normalizeWebUrl', () => {
  it('refuses a user name or password in a repaired address too, and says which problem it is', () => {
    expect(normalizeWebUrl('//user:secret@example.org/')).to.equal(undefined);
    expect(normalizeWebUrl('https:\\\\user:secret@example.org\\a')).to.equal(undefined);
    expect(webUrlProblem('//user:secret@example.org/')).to.equal('credentials');
    expect(webUrlProblem('https://user@example.org/')).to.equal('credentials');
    expect(webUrlProblem('javascript:alert(1)')).to.equal('not-web');
    expect(webUrlProblem('www.example.org')).to.equal(undefined);
    // An "@" in the path or query is not a credential.
    expect(normalizeWebUrl('https://example.org/@clinic?ref=a@b')).to.equal('https://example.org/@clinic?ref=a@b');
  });
});

describe('telUrl', () => {
  it('gives no link for a number a spreadsheet rounded ("6.17556E+09" would dial 617556)', () => {
    expect(telUrl('6.17556E+09')).to.equal(undefined);
    expect(telUrl(' 1.6045E+10 ')).to.equal(undefined);
    expect(telUrl('604-555-0100 ext 2')).to.equal('tel:6045550100,2');
  });

  it('dials digits, keeps a leading +, and dials extensions after a pause', () => {
    expect(telUrl('(604) 555-0100')).to.equal('tel:6045550100');
    expect(telUrl('+1 604 555 0100')).to.equal('tel:+16045550100');
    expect(telUrl('305-253-4841 x123')).to.equal('tel:3052534841,123');
    expect(telUrl('305-253-4841 ext. 9')).to.equal('tel:3052534841,9');
    expect(telUrl('call us')).to.equal(undefined);
  });

  it('dials a number spelt in capitals by the keypad, leaves out the (0) of an international number, and reads "poste"', () => {
    expect(telUrl('1-800-NALOXONE')).to.equal('tel:180062569663');
    expect(telUrl('1-800-273-TALK')).to.equal('tel:18002738255');
    expect(telUrl('+44 (0)20 7946 0958')).to.equal('tel:+442079460958');
    expect(telUrl('+33 (0)1 23 45 67 89')).to.equal('tel:+33123456789');
    // A trunk 0 written in a national number is dialled.
    expect(telUrl('(0)20 7946 0958')).to.equal('tel:02079460958');
    expect(telUrl('514-555-0100 poste 123')).to.equal('tel:5145550100,123');
    // Words in capitals before the number are not spelt digits.
    expect(telUrl('TTY 711')).to.equal('tel:711');
    expect(telUrl('604-555-0100 (Call First)')).to.equal('tel:6045550100');
    expect(telUrl('1-800-555-0100 TTY')).to.equal('tel:18005550100');
    expect(telUrl('1-800-555-0100 TOLL FREE')).to.equal('tel:18005550100');
    expect(telUrl('1 800 FLOWERS')).to.equal('tel:18003569377');
  });

  it('dials the first of several numbers in one cell, never all their digits run together', () => {
    expect(telUrl('(518) 555-0100 or (518) 555-0199')).to.equal('tel:5185550100');
    expect(telUrl('518-555-0101 ext. 4 / 518-555-0102')).to.equal('tel:5185550101,4');
    expect(telUrl('604-555-0100; 604-555-0101')).to.equal('tel:6045550100');
    expect(telUrl('Office: 604-555-0100, hotline 604-555-0199')).to.equal('tel:6045550100');
    expect(telUrl('604-555-0100, ext. 12')).to.equal('tel:6045550100,12');
    expect(telUrl('1-800-555-0100 (toll free)')).to.equal('tel:18005550100');
    expect(telUrl('TTY 711')).to.equal('tel:711');
  });
});

describe('directionsHref', () => {
  it("fills in the service's coordinates and refuses non-http templates, saying so once", async () => {
    expect(directionsHref('https://maps.example/dir?to={lat},{lng}', 49.1, -123.2)).to.equal('https://maps.example/dir?to=49.1,-123.2');
    const { errors } = await errorsDuring(async () => {
      expect(directionsHref('javascript:alert({lat})', 1, 2)).to.equal(undefined);
      expect(directionsHref('javascript:alert({lat})', 3, 4)).to.equal(undefined);
    });
    expect(errors).to.deep.equal(['naloxone-finder: directions-url="javascript:alert({lat})" is not an http(s) address; no directions links are shown.']);
  });
});
