import { expect } from '@open-wc/testing';
import { languageTag, readCost, readLanguages } from '../../src/feed/normalize.js';

describe('readLanguages', () => {
  it('reads names in English and in the language itself, codes and common feed spellings', () => {
    expect(readLanguages('English, Spanish')).to.deep.equal({ tags: ['en', 'es'], unknown: [] });
    expect(readLanguages('en; fr')).to.deep.equal({ tags: ['en', 'fr'], unknown: [] });
    expect(readLanguages('Español, Français, Deutsch, 中文, Tiếng Việt')).to.deep.equal({ tags: ['es', 'fr', 'de', 'zh', 'vi'], unknown: [] });
    expect(readLanguages('English and French / Creole')).to.deep.equal({ tags: ['en', 'fr', 'ht'], unknown: [] });
    expect(readLanguages(['Haitian Creole', 'ASL', 'Mandarin', 'Cantonese', 'Farsi', 'Tagalog', 'Punjabi', 'Ojibwe'])).to.deep.equal({
      tags: ['ht', 'ase', 'zh', 'yue', 'fa', 'tl', 'pa', 'oj'],
      unknown: [],
    });
    expect(readLanguages(['es_MX', 'fr-ca', 'EN'])).to.deep.equal({ tags: ['es-MX', 'fr-CA', 'en'], unknown: [] });
  });

  it('reads a name with a qualifier by the name, and repeats once', () => {
    expect(readLanguages('Chinese (Mandarin), Spanish - Latin America, spanish')).to.deep.equal({ tags: ['zh', 'es'], unknown: [] });
  });

  it('returns what is not a language for the warning, and ignores empty items', () => {
    expect(readLanguages('English, Klingonese, , !!')).to.deep.equal({ tags: ['en'], unknown: ['Klingonese', '!!'] });
    expect(readLanguages([3, 'en'])).to.deep.equal({ tags: ['en'], unknown: [3] });
    expect(readLanguages(undefined)).to.deep.equal({ tags: [], unknown: [] });
    expect(languageTag('english')).to.equal('en');
    expect(languageTag('__proto__')).to.equal(undefined);
    expect(languageTag('constructor')).to.equal(undefined);
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
