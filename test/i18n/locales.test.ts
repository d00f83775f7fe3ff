import { expect } from '@open-wc/testing';
import { formatHoursStatus, formatHoursTime } from '../../src/hours/status.js';
import { en, type Strings } from '../../src/i18n/strings.js';
import es from '../../src/i18n/locales/es.js';
import fr from '../../src/i18n/locales/fr.js';

const LOCALES = { es, fr };
type Tag = keyof typeof LOCALES;

/**
 * Arguments to call every function key with, by path. Plain words without punctuation, so the
 * typography checks below judge the translation, not the sample.
 */
const SAMPLES: Record<string, unknown[]> = {
  'places.ambiguous': [3],
  'places.notFound': ['Springfeld'],
  'places.unknownZip': ['00000'],
  'places.unlocatedZip': ['09001'],
  'places.unknownPostalDistrict': ['Z9Z'],
  'places.selected': ['Pittsburgh PA'],
  'places.landmark': ['Example pharmacies'],
  'overdose.call': ['911'],
  accessibility: ['Ramp at the side door'],
  hoursAsWritten: ['Mon-Fri 9-5, Sat by appointment'],
  chosenNote: ['London Drugs, 710 Granville Street'],
  showInList: ['London Drugs'],
  // Optional in a locale (Spanish has it): the time with the words its hour takes.
  'hours.atTime': ['1:00'],
  filtersButton: [2],
  // The option has no words of its own, only the count: a large one shows the language's digit grouping.
  filterOption: ['Naloxone', 12345],
  filterSummary: [3, 12, 'Naloxone and Free'],
  filterNone: ['Naloxone and Free'],
  nothingWithin: ['8 km', 'Pittsburgh PA'],
  nothingNearYou: ['8 km'],
  tileHostNote: ['tile.example.org'],
  sortedFrom: ['Pittsburgh PA'],
  resultCount: [10, 25],
  showMore: [10],
  clusterLabel: [12, 'Naloxone and Treatment', 'Example Pharmacy (fictional)'],
  clusterCount: [12345],
  call: ['412 555 0100'],
  feedErrorHttp: [503, 'Service Unavailable'],
  feedErrorTimeout: [15],
  feedErrorTooLarge: [100],
  feedErrorNoValidRecords: [7],
  byMailCount: [2],
  cost: ['5 dollars'],
  languages: ['English and Spanish'],
  lastVerified: ['5 Jan 2026'],
  staleFeed: ['5 Jan 2026'],
};

/**
 * Values that are rightly the same as English, with the reason. Every other value must differ,
 * which catches a key copied from English and never translated.
 */
const SAME_AS_ENGLISH: Record<Tag, Record<string, string>> = {
  es: {},
  fr: {
    'typeLabels.naloxone': 'the medicine is "naloxone" in French too (capitalised as a label)',
    filterTypesLegend: '"Services" is the French word as well',
    resultsHeading: '"Services" is the French word as well',
  },
};

type Leaf = string | ((...args: unknown[]) => string);

/** Every leaf of a strings object by dotted path: texts and functions, nested groups included. */
function leaves(value: object, prefix = ''): [string, Leaf][] {
  return Object.entries(value).flatMap(([key, v]): [string, Leaf][] => {
    const path = prefix + key;
    return v && typeof v === 'object' ? leaves(v as object, `${path}.`) : [[path, v as Leaf]];
  });
}

/** What a visitor could read from a leaf: the text, or a function's text for its samples. */
const text = (path: string, leaf: Leaf) => (typeof leaf === 'function' ? leaf(...SAMPLES[path]) : leaf);

/** Every text a locale can show, with its path. */
const texts = (strings: Strings) => leaves(strings).map(([path, leaf]) => [path, text(path, leaf)] as const);

const englishLeaves = new Map(leaves(en));

for (const [tag, strings] of Object.entries(LOCALES) as [Tag, Strings][]) {
  describe(`${tag} strings`, () => {
    it('have every key English has, nested groups included', () => {
      const own = new Set(leaves(strings).map(([path]) => path));
      const missing = [...englishLeaves.keys()].filter((path) => !own.has(path));
      expect(missing).to.deep.equal([]);
    });

    it('differ from English except where listed with a reason', () => {
      const same = texts(strings)
        .filter(([path, value]) => {
          const english = englishLeaves.get(path);
          return english !== undefined && value === text(path, english);
        })
        .map(([path]) => path);
      expect(same.sort()).to.deep.equal(Object.keys(SAME_AS_ENGLISH[tag]).sort());
    });

    it('have every function callable with sample arguments, giving whole text', () => {
      const functions = leaves(strings).filter(([, leaf]) => typeof leaf === 'function');
      const optional = new Set(['hours.atTime']);
      const expected = Object.keys(SAMPLES).filter((path) => !optional.has(path) || functions.some(([p]) => p === path));
      expect(functions.map(([path]) => path).sort()).to.deep.equal(expected.sort());
      for (const [path, fn] of functions) {
        const out = text(path, fn);
        expect(out, path).to.be.a('string').and.not.equal('');
        expect(out, path).not.to.match(/undefined|NaN|\[object|\$\{|\{\w+\}/);
      }
    });

    it('have hours words with the same placeholders as English', () => {
      const names = (s: Leaf) =>
        String(s)
          .match(/\{\w+\}/g)
          ?.sort() ?? [];
      for (const [path, value] of leaves(strings.hours, 'hours.')) {
        // `atTime` and `weekday` are not texts with placeholders.
        if (typeof value === 'function' || path === 'hours.weekday') continue;
        // A plural category English lacks (French "many") is checked against English "other".
        const english = englishLeaves.get(path) ?? englishLeaves.get(path.replace(/[^.]+$/, 'other'));
        // `{at}` is the time with the words before it: it stands for `{time}`.
        expect(names(String(value).replaceAll('{at}', '{time}')), path).to.deep.equal(names(english!));
      }
    });

    it('keep dignity: no words that label or shame people, syringes or test results', () => {
      // Searched as fragments, so every form is caught: "adict" (adicto, drogadicta), "abus"
      // (abuso, abuser, abusif), "limpi" (limpio, limpias), "toxicoman" (toxicomane, -manie),
      // plus Spanish "sucio/sucia" and slang for people who use drugs. French "propre" and "sale"
      // are matched as whole words: as adjectives they mean clean and dirty. (Spanish "sale"
      // means "goes out", so it is not searched in Spanish.)
      const banned = [/adict/i, /abus/i, /limpi/i, /\bsuci[oa]s?\b/i, /toxicoman/i, /junkie|yonqui|tecato|drogu[ée]/i];
      if (tag === 'fr') banned.push(/(^|[^\p{L}])(propres?|sales?)(?![\p{L}])/iu);
      for (const [path, value] of texts(strings)) for (const word of banned) expect(value, path).not.to.match(word);
    });
  });
}

describe('es grammar', () => {
  const counts = [0, 1, 2, 5, 21];

  it('says counts in Spanish plural forms (1 singular, 0 and the rest plural)', () => {
    expect(counts.map((k) => es.resultCount(k, k))).to.deep.equal(['0 servicios', '1 servicio', '2 servicios', '5 servicios', '21 servicios']);
    expect(counts.map((k) => es.resultCount(k, 30))).to.deep.equal([
      'Se muestran 0 de 30 servicios',
      'Se muestra 1 de 30 servicios',
      'Se muestran 2 de 30 servicios',
      'Se muestran 5 de 30 servicios',
      'Se muestran 21 de 30 servicios',
    ]);
    expect(counts.map((k) => es.filterSummary(k, 30, 'Gratis'))).to.deep.equal([
      '0 de 30 servicios coinciden: Gratis',
      '1 de 30 servicios coincide: Gratis',
      '2 de 30 servicios coinciden: Gratis',
      '5 de 30 servicios coinciden: Gratis',
      '21 de 30 servicios coinciden: Gratis',
    ]);
    expect(es.filterSummary(1, 1, 'Gratis')).to.equal('1 de 1 servicio coincide: Gratis');
    expect(counts.map((k) => es.showMore(k))).to.deep.equal([
      'Mostrar 0 servicios más',
      'Mostrar 1 servicio más',
      'Mostrar 2 servicios más',
      'Mostrar 5 servicios más',
      'Mostrar 21 servicios más',
    ]);
    expect(counts.map((k) => es.filtersButton(k))).to.deep.equal([
      'Filtros',
      'Filtros (1 activo)',
      'Filtros (2 activos)',
      'Filtros (5 activos)',
      'Filtros (21 activos)',
    ]);
    expect(es.feedErrorNoValidRecords(1)).to.contain('tiene 1 registro, pero no se pudo leer.');
    for (const k of [0, 2, 5, 21]) expect(es.feedErrorNoValidRecords(k)).to.contain(`tiene ${k} registros, pero no se pudo leer ninguno.`);
    expect(es.feedErrorTimeout(1)).to.contain('en 1 segundo,');
    expect(es.feedErrorTimeout(21)).to.contain('en 21 segundos,');
  });

  it('groups counts with a space, which no Spanish reader takes for a decimal (distances beside them say "0,9 km" or "0.9 km")', () => {
    expect(es.resultCount(14034, 14034)).to.equal('14\u00A0034 servicios');
    expect(es.clusterCount(123456)).to.equal('123\u00A0456');
  });

  it('contracts "a el" and "de el" but not before a name that starts with El', () => {
    expect(es.nothingWithin('8 km', es.defaultPlace)).to.equal('No hay servicios a menos de 8 km del punto de partida. Abajo aparecen los más cercanos.');
    expect(es.sortedFrom(es.defaultPlace)).to.equal('Primero los más cercanos al punto de partida.');
    expect(es.sortedFrom('El Paso, TX')).to.equal('Primero los más cercanos a El Paso, TX.');
    expect(es.places.selected('El Paso, TX')).to.equal('Se muestran lugares cerca de El Paso, TX.');
  });

  it('opens every question with ¿', () => {
    for (const [path, value] of texts(es)) expect(value.split('¿').length, path).to.equal(value.split('?').length);
  });
});

describe('fr grammar', () => {
  const counts = [0, 1, 2, 5, 21];

  it('says counts in French plural forms (0 and 1 singular)', () => {
    expect(counts.map((k) => fr.resultCount(k, k))).to.deep.equal(['0 service', '1 service', '2 services', '5 services', '21 services']);
    expect(counts.map((k) => fr.resultCount(k, 30))).to.deep.equal([
      '0 service affiché sur 30',
      '1 service affiché sur 30',
      '2 services affichés sur 30',
      '5 services affichés sur 30',
      '21 services affichés sur 30',
    ]);
    expect(counts.map((k) => fr.filterSummary(k, 30, 'Gratuit'))).to.deep.equal([
      '0 service sur 30 correspond\u00A0: Gratuit',
      '1 service sur 30 correspond\u00A0: Gratuit',
      '2 services sur 30 correspondent\u00A0: Gratuit',
      '5 services sur 30 correspondent\u00A0: Gratuit',
      '21 services sur 30 correspondent\u00A0: Gratuit',
    ]);
    expect(counts.map((k) => fr.showMore(k))).to.deep.equal([
      'Afficher 0 autre service',
      'Afficher 1 autre service',
      'Afficher 2 autres services',
      'Afficher 5 autres services',
      'Afficher 21 autres services',
    ]);
    expect(counts.map((k) => fr.filtersButton(k))).to.deep.equal([
      'Filtres',
      'Filtres (1 actif)',
      'Filtres (2 actifs)',
      'Filtres (5 actifs)',
      'Filtres (21 actifs)',
    ]);
    for (const k of [0, 1]) expect(fr.feedErrorNoValidRecords(k)).to.contain(`\u00A0: ${k} enregistrement trouvé, mais illisible.`);
    for (const k of [2, 5, 21]) expect(fr.feedErrorNoValidRecords(k)).to.contain(`\u00A0: ${k} enregistrements trouvés, mais aucun n’est lisible.`);
    expect(fr.places.ambiguous(2)).to.equal('2 lieux portent ce nom. Choisissez-en un.');
  });

  it('writes numbers the French way', () => {
    expect(fr.resultCount(14034, 14034)).to.equal('14\u202F034 services');
    // A partner's max-feed-mb, with its decimal comma.
    expect(fr.feedErrorTooLarge(0.3)).to.contain('la limite de 0,3\u00A0Mo.');
  });

  it('joins "de" to what follows: du, des, d’', () => {
    expect(fr.nothingWithin('8 km', fr.defaultPlace)).to.equal('Aucun service à moins de 8 km du point de départ. Les plus proches sont indiqués ci-dessous.');
    expect(fr.sortedFrom('Ottawa')).to.equal('Les plus proches d’Ottawa en premier.');
    expect(fr.sortedFrom('Montréal')).to.equal('Les plus proches de Montréal en premier.');
    expect(fr.sortedFrom('Les Escoumins')).to.equal('Les plus proches des Escoumins en premier.');
    expect(fr.places.selected('Le Bic')).to.equal('Affichage des lieux près du Bic.');
  });

  it('follows French typography: no-break spaces before : ; ? ! and inside « », typographic apostrophes', () => {
    // A link's address ("[OpenStreetMap](https://…)") is not French prose.
    for (const [path, value] of texts(fr).map(([path, value]) => [path, value.replace(/\]\([^)]*\)/g, ']')])) {
      expect(value, path).not.to.match(/[^\u00A0][:;?!»]/);
      expect(value, path).not.to.match(/«[^\u00A0]/);
      expect(value, path).not.to.contain("'");
    }
    expect(fr.places.notFound('Sainte-Flavie')).to.contain('«\u00A0Sainte-Flavie\u00A0»');
  });
});

describe('feed errors in Spanish and French', () => {
  it("name the server's error by its code, without its English reason phrase", () => {
    expect(es.feedErrorHttp(404, 'Not Found')).to.equal('No se pudo cargar la lista de servicios: el servidor respondió con el error 404.');
    expect(fr.feedErrorHttp(404, 'Not Found')).to.equal('La liste des services n’a pas pu être chargée\u00A0: le serveur a répondu par l’erreur 404.');
  });
});

describe('hours words through formatHoursStatus', () => {
  const now = new Date(Date.UTC(2026, 0, 3, 12, 0)); // a Saturday
  const monday = new Date(Date.UTC(2026, 0, 5, 17, 0));
  const soon = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it('fills Spanish minutes, times and days', () => {
    const say = (status: Parameters<typeof formatHoursStatus>[0]) => formatHoursStatus(status, { locale: 'es', timeZone: 'UTC', now, strings: es.hours });
    expect([1, 2, 5, 21].map((m) => say({ state: 'open', changesAt: soon(m), minutes: m }))).to.deep.equal([
      'Cierra en 1 min',
      'Cierra en 2 min',
      'Cierra en 5 min',
      'Cierra en 21 min',
    ]);
    expect(say({ state: 'closed', changesAt: soon(21), minutes: 21 })).to.equal('Abre en 21 min');
    expect(say({ state: 'open', changesAt: soon(300) })).to.equal('Abierto ahora · cierra a las 17:00');
    // Days named whole: "el lun" would do, but "el mar" (Tuesday) reads as "the sea".
    expect(say({ state: 'closed', changesAt: monday })).to.equal('Cerrado · abre el lunes a las 17:00');
    expect(say({ state: 'closed', changesAt: new Date(monday.getTime() + 24 * 3600_000) })).to.equal('Cerrado · abre el martes a las 17:00');
    // One o'clock takes "la": "a la 1", in either clock, but "a las 13:00".
    const at = (hour: number, minute = 0) => new Date(Date.UTC(2026, 0, 3, hour, minute));
    const atOne = (locale: string, changesAt: Date) =>
      formatHoursStatus({ state: 'open', changesAt }, { locale, timeZone: 'UTC', now: at(0, 5), strings: es.hours });
    expect(atOne('es', at(1))).to.equal('Abierto ahora · cierra a la 1:00');
    expect(atOne('es-MX', at(1, 30))).to.match(/^Abierto ahora · cierra a la 1:30\sa\.\s?m\.$/);
    expect(atOne('es-MX', at(13))).to.match(/^Abierto ahora · cierra a la 1\sp\.\s?m\.$/);
    expect(atOne('es', at(13))).to.equal('Abierto ahora · cierra a las 13:00');
    expect(atOne('es', at(10))).to.equal('Abierto ahora · cierra a las 10:00');
    expect(say({ state: 'open-24h' })).to.equal('Abierto las 24 horas');
  });

  it('fills Canadian French minutes, times and days', () => {
    const say = (status: Parameters<typeof formatHoursStatus>[0]) => formatHoursStatus(status, { locale: 'fr-CA', timeZone: 'UTC', now, strings: fr.hours });
    expect([1, 2, 5, 21].map((m) => say({ state: 'open', changesAt: soon(m), minutes: m }))).to.deep.equal([
      'Ferme dans 1\u00A0min',
      'Ferme dans 2\u00A0min',
      'Ferme dans 5\u00A0min',
      'Ferme dans 21\u00A0min',
    ]);
    expect(say({ state: 'closed', changesAt: soon(1), minutes: 1 })).to.equal('Ouvre dans 1\u00A0min');
    // On the hour, "17 h" as Quebec writes it; "mardi" whole, which speech reads well.
    expect(say({ state: 'open', changesAt: soon(300) })).to.match(/^Ouvert maintenant · ferme à 17\sh$/);
    expect(say({ state: 'open', changesAt: soon(330) })).to.match(/^Ouvert maintenant · ferme à 17\sh\s30$/);
    expect(say({ state: 'closed', changesAt: monday })).to.match(/^Fermé · ouvre lundi à 17\sh$/);
    // Morning hours without the zero Intl writes alone ("09 h"), and the week's times so too.
    expect(formatHoursTime('09:00', 'fr-CA')).to.match(/^9\sh$/);
    expect(formatHoursTime('09:30', 'fr-CA')).to.match(/^9\sh\s30$/);
    expect(formatHoursTime('09:00', 'de')).to.match(/^9\sUhr$/);
    expect(formatHoursTime('09:00', 'en-US')).to.match(/^9\sAM$/);
  });
});
