import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../helpers/property-seed.js';
import { readCost, readLanguages } from '../../src/feed/normalize.js';

const tags = (value: unknown) => readLanguages(value).tags;
const none = { unknown: [], ambiguous: [] };

describe('readLanguages', () => {
  it('reads names in English, codes and common feed spellings', () => {
    expect(readLanguages('English, Spanish')).to.deep.equal({ tags: ['en', 'es'], ...none });
    expect(readLanguages('en; fr')).to.deep.equal({ tags: ['en', 'fr'], ...none });
    expect(tags(['Haitian Creole', 'ASL', 'American Sign Language', 'Mandarin', 'Cantonese', 'Farsi', 'Tagalog', 'Punjabi', 'Ojibwe'])).to.deep.equal([
      'ht',
      'ase',
      'zh',
      'yue',
      'fa',
      'fil',
      'pa',
      'oj',
    ]);
    expect(tags(['Navajo', 'Cree', 'Inuktitut', 'Bengali', 'Cape Verdean Creole', 'Louisiana Creole', 'Hmong', 'Dari'])).to.deep.equal([
      'nv',
      'cr',
      'iu',
      'bn',
      'kea',
      'lou',
      'hmn',
      // CLDR's canonical form of "prs".
      'fa-AF',
    ]);
  });

  it('reads names in the language itself, in Spanish and in French, whatever the case and accents', () => {
    expect(tags('Español, Français, Deutsch, Tiếng Việt, 中文, 한국어, Русский, العربية, Kreyòl ayisyen, Tagalog, Português')).to.deep.equal([
      'es',
      'fr',
      'de',
      'vi',
      'zh',
      'ko',
      'ru',
      'ar',
      'ht',
      'fil',
      'pt',
    ]);
    expect(tags('ESPAÑOL, espanol, tieng viet, KREYOL')).to.deep.equal(['es', 'vi', 'ht']);
    expect(tags('Inglés, Chino, Anglais, Chinois, Créole haïtien, Langue des signes américaine')).to.deep.equal(['en', 'zh', 'ht']);
  });

  it('reads codes as canonical BCP 47 tags, and only codes of languages', () => {
    expect(tags(['es', 'spa', 'es-MX', 'es_mx', 'fr-ca', 'EN', 'eng', 'tl', 'tgl', 'cmn', 'iw', 'zh-Hant', 'ase', 'kea'])).to.deep.equal([
      'es',
      'es-MX',
      'fr-CA',
      'en',
      'fil',
      'zh',
      'he',
      'zh-Hant',
      'ase',
      'kea',
    ]);
    // Well-formed tags all, but no language a visitor could be shown or filter by.
    expect(readLanguages('All, Yes, Sp, und, mul, xx-YY')).to.deep.equal({ tags: [], unknown: ['All', 'Yes', 'Sp', 'und', 'mul', 'xx-YY'], ambiguous: [] });
  });

  it('splits on , ; / | & + and the words for "and" and "or" in English, Spanish, French, Portuguese and German', () => {
    for (const cell of [
      'English, Spanish, French',
      'English;Spanish;French;',
      'English / Spanish | French',
      'English & Spanish + French',
      'English, Spanish and French',
      'English or Spanish or French',
      'inglés, español y francés',
      'anglais, espagnol et français',
      'anglais ou espagnol ou français',
      'English, Español e Français',
      'English und Spanish und French',
      'English\nSpanish\nFrench',
      'English、Spanish，French',
    ]) {
      expect(readLanguages(cell), cell).to.deep.equal({ tags: ['en', 'es', 'fr'], ...none });
    }
  });

  it('reads a cell of any length in one pass: long runs of spaces or separators do not stall it', () => {
    // Each took seconds when every space or comma looked ahead to the end of the text.
    expect(readLanguages(`English${' '.repeat(200_000)}x`).tags).to.deep.equal([]);
    expect(readLanguages(`English (US, ${'x,'.repeat(100_000)}`).unknown).to.have.length(100_001);
    expect(readLanguages('Chinese (Cantonese, Mandarin), French').tags).to.deep.equal(['yue', 'zh', 'fr']);
  });

  it('reads "Creole" and "Sign language" as their usual meaning here, and says so', () => {
    expect(readLanguages('Creole, sign language')).to.deep.equal({
      tags: ['ht', 'ase'],
      unknown: [],
      ambiguous: [
        { name: 'Creole', tag: 'ht' },
        { name: 'sign language', tag: 'ase' },
      ],
    });
    expect(readLanguages('Haitian Creole, Kreyòl, ASL, Sign language (ASL)')).to.deep.equal({ tags: ['ht', 'ase'], ...none });
  });

  it('reads a qualified name by the languages in parentheses, or by the name when they are not languages', () => {
    expect(readLanguages('Chinese (Mandarin), Chinese (Cantonese), Spanish (Mexico), Interpreters (Arabic, Somali)')).to.deep.equal({
      tags: ['zh', 'yue', 'es', 'ar', 'so'],
      ...none,
    });
    expect(readLanguages('English - Spanish, Spanish - Latin America, Chinese – Cantonese')).to.deep.equal({ tags: ['en', 'es', 'zh', 'yue'], ...none });
    expect(readLanguages('Klingon - Spanish, Klingon (Mexico), Creole (Cape Verdean)')).to.deep.equal({
      tags: ['es', 'ht'],
      unknown: ['Klingon', 'Klingon (Mexico)'],
      ambiguous: [{ name: 'Creole', tag: 'ht' }],
    });
  });

  it('returns what is not a language for the warning, keeps the rest, and ignores empty items', () => {
    expect(readLanguages('English, Klingonese, , !!, english')).to.deep.equal({ tags: ['en'], unknown: ['Klingonese', '!!'], ambiguous: [] });
    expect(readLanguages([3, 'en', null])).to.deep.equal({ tags: ['en'], unknown: [3, null], ambiguous: [] });
    expect(readLanguages(['English', 'Spanish and French'])).to.deep.equal({ tags: ['en', 'es', 'fr'], ...none });
    expect(readLanguages(undefined)).to.deep.equal({ tags: [], ...none });
    expect(readLanguages('__proto__, constructor, toString')).to.deep.equal({ tags: [], unknown: ['__proto__', 'constructor', 'toString'], ambiguous: [] });
  });

  it('reads any list of names and codes, in any case, with any separators, as their tags in order', () => {
    const languages: [string, string][] = [
      ['English', 'en'],
      ['Español', 'es'],
      ['français', 'fr'],
      ['中文', 'zh'],
      ['Tiếng Việt', 'vi'],
      ['Kreyòl ayisyen', 'ht'],
      ['Haitian Creole', 'ht'],
      ['American Sign Language', 'ase'],
      ['es-MX', 'es-MX'],
      ['spa', 'es'],
      ['Chinese (Cantonese)', 'yue'],
      ['Spanish (Mexico)', 'es'],
      ['Русский', 'ru'],
      ['العربية', 'ar'],
    ];
    const separators = [',', ', ', ';', ' / ', '|', ' & ', ' + ', ' and ', ' y ', ' et ', ' or ', '\n', '、'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...languages), fc.constantFrom(...separators), fc.constantFrom('', ' ', '  ')), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (items, upper) => {
          const cell = items.map(([[name], separator, pad], i) => `${i ? separator : ''}${pad}${upper ? name.toUpperCase() : name}${pad}`).join('');
          const read = readLanguages(cell);
          expect(read, cell).to.deep.equal({ tags: [...new Set(items.map(([[, tag]]) => tag))], ...none });
        },
      ),
    );
  });

  it('reads back every name the browser gives these languages, in English, Spanish, French and their own', () => {
    const codes = 'en es fr zh yue ar ru pt de it pl uk el he ht ja ko vi fil hi ur bn pa gu ta fa ps tr so am ti sw ro hu hmn th km lo my'.split(' ');
    for (const code of codes) {
      for (const locale of ['en', 'es', 'fr', code]) {
        const name = new Intl.DisplayNames(locale, { type: 'language', fallback: 'none' }).of(code);
        if (name) expect(readLanguages(name), `${locale}: ${name}`).to.deep.equal({ tags: [code], ...none });
      }
    }
  });
});

describe('readCost', () => {
  it('reads the ways feeds say free as "free"', () => {
    for (const text of [
      'Free',
      'free.',
      'Free of charge',
      'No cost',
      'no charge',
      'No fee',
      '$0',
      '0.00',
      '$0.00',
      'Gratuit',
      'gratuite',
      'Gratis',
      'Gratuito',
      'Sin costo',
      ' FREE! ',
    ]) {
      expect(readCost(text), text).to.equal('free');
    }
  });

  it('keeps any other text as written', () => {
    expect(readCost('Sliding scale')).to.equal('Sliding scale');
    expect(readCost('Free for everyone; a $2 donation is welcome.')).to.equal('Free for everyone; a $2 donation is welcome.');
    expect(readCost('$10')).to.equal('$10');
  });
});
