import { expect } from '@open-wc/testing';
import { CODES, readLanguages } from '../../src/feed/normalize.js';

// A file of its own: its page has read no language before the first test, as a fresh feed
// worker has not.

describe('readLanguages, codes', () => {
  it('reads codes of the common languages without building any Intl.DisplayNames', () => {
    const Original = Intl.DisplayNames;
    // Typed read-only, but a writable property, as every built-in's is.
    const intl = Intl as { DisplayNames: typeof Original };
    let built = 0;
    intl.DisplayNames = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        built++;
      }
    };
    try {
      expect(readLanguages(['en', 'es-MX', 'spa', 'fr_CA', 'tl', 'ASL', 'zh-Hant']).tags).to.deep.equal([
        'en',
        'es-MX',
        'es',
        'fr-CA',
        'fil',
        'ase',
        'zh-Hant',
      ]);
      expect(built).to.equal(0);
      // A name still needs the names, and a code beyond the common ones asks Intl.
      expect(readLanguages('Español, Yoruba, Ewe, ee').tags).to.deep.equal(['es', 'yo', 'ee']);
      expect(built).to.be.greaterThan(0);
    } finally {
      intl.DisplayNames = Original;
    }
  });

  it('reads a name written like a code as the language it names, as before codes came first', () => {
    const canonical = (code: string) => Intl.getCanonicalLocales(code)[0];
    const key = (text: string) =>
      text
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const codeLike: string[] = [];
    for (const locale of ['en', '', 'es', 'fr']) {
      for (const code of CODES) {
        const name = new Intl.DisplayNames(locale || code, { type: 'language', fallback: 'none' }).of(code) ?? '';
        if (!/^[a-z]{2,3}(?: [a-z0-9]{1,8})*$/.test(key(name))) continue;
        codeLike.push(name);
        expect(readLanguages(name).tags, name).to.deep.equal([canonical(code)]);
      }
    }
    // Chromium names Lao "Lao" (its code "lao" too): the check above has something to check.
    expect(codeLike).to.include('Lao');
  });
});
