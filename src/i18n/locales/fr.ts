import { numberFormat, plural } from '../intl.js';
import type { Strings } from '../strings.js';

// French typography: a no-break space (\u00A0) before « : ; ? ! », inside « », and between a
// number and its unit, so a line never starts with the mark or the unit.

/** Counts as French writes them ("14 034"). */
const n = (value: number) => numberFormat('fr', {}).format(value);
/** The count and its words in the form French uses for it: 0 and 1 are singular ("0 service", "2 services"). */
const count = (value: number, one: string, other: string) => `${n(value)} ${plural('fr', value, { one, other })}`;
/** French joins "de" to what follows: "du point de départ", "du Havre", "des Escoumins", "d’Ottawa". */
const de = (place: string) => {
  if (/^le /i.test(place)) return `du ${place.slice(3)}`;
  if (/^les /i.test(place)) return `des ${place.slice(4)}`;
  if (/^[aeiouàâäéèêëîïôöûüœ]/i.test(place)) return `d’${place}`;
  return `de ${place}`;
};

const couldNotLoad = 'La liste des services n’a pas pu être chargée';
const couldNotRead = 'La liste des services n’a pas pu être lue';
const tellTheTeam = 'Veuillez en informer l’équipe du site Web.';

/** French for Canada (Quebec usage), addressing the visitor as "vous". */
const fr: Strings = {
  hours: {
    open24h: 'Ouvert 24\u00A0h sur 24',
    openClosesAt: 'Ouvert maintenant · ferme à {time}',
    openClosesOn: 'Ouvert maintenant · ferme {day} à {time}',
    openNow: 'Ouvert maintenant',
    closesIn: { one: 'Ferme dans {n}\u00A0min', other: 'Ferme dans {n}\u00A0min' },
    closedOpensAt: 'Fermé · ouvre à {time}',
    closedOpensOn: 'Fermé · ouvre {day} à {time}',
    opensIn: { one: 'Ouvre dans {n}\u00A0min', other: 'Ouvre dans {n}\u00A0min' },
    closed: 'Fermé',
    // "mardi", not "mar.", which speech reads as "mar point".
    weekday: 'long',
  },
  places: {
    label: 'Code postal, code ZIP ou ville',
    landmark: (context) => (context ? `Recherche de lieux\u00A0: ${context}` : 'Recherche de lieux'),
    search: 'Rechercher',
    searching: 'Recherche en cours…',
    ambiguous: (places) => `${count(places, 'lieu porte', 'lieux portent')} ce nom. Choisissez-en un.`,
    similar: 'Aucun lieu ne porte exactement ce nom. Vouliez-vous dire l’un de ceux-ci\u00A0?',
    notFound: (query) => `Aucun lieu nommé «\u00A0${query}\u00A0» n’a été trouvé. Vérifiez l’orthographe, ou essayez un code postal ou un code ZIP.`,
    unknownZip: (code) => `Le code ZIP ${code} n’existe pas. Vérifiez les cinq chiffres.`,
    unlocatedZip: (code) =>
      `Le code ZIP ${code} n’a pas de position sur une carte (c’est un code militaire ou réservé au courrier). Essayez un code ZIP voisin ou une ville.`,
    unknownPostalDistrict: (code) => `Aucun code postal canadien ne commence par ${code}. Vérifiez les trois premiers caractères.`,
    invalid: {
      empty: 'Entrez un code postal, un code ZIP ou le nom d’une ville ou d’un village.',
      'too-long': 'C’est trop long pour un nom de lieu. Entrez un code postal, un code ZIP ou une ville.',
      'no-letters-or-digits': 'Entrez des lettres ou des chiffres\u00A0: un code postal, un code ZIP ou une ville.',
      'zip-digits': 'Un code ZIP américain compte cinq chiffres, par exemple 15213.',
    },
    unavailable: 'La liste des lieux n’a pas pu être chargée. Vérifiez votre connexion et réessayez.',
    selected: (label) => `Affichage des lieux près ${de(label)}.`,
    near: 'près de',
  },
  overdose: {
    summary: 'Si vous pensez qu’une personne fait une surdose',
    signs:
      'Les signes peuvent comprendre\u00A0: impossible de réveiller la personne\u00A0; respiration lente, faible ou absente\u00A0; lèvres ou ongles bleus ou gris\u00A0; bruits d’étouffement, gargouillements ou ronflements.',
    call: (number) => `Appelez le ${number}`,
    callDetail: 'Dites qu’une personne ne respire pas ou ne se réveille pas, et indiquez où vous êtes.',
    naloxone: 'Administrez la naloxone.',
    naloxoneDetail:
      'Vaporisez-la dans une narine, ou injectez-la dans la cuisse ou le haut du bras. Elle est sans danger même si la personne n’a pas pris d’opioïdes.',
    breathing: 'Aidez la personne à respirer.',
    breathingDetail:
      'Donnez la respiration artificielle ou faites des compressions thoraciques si vous savez comment. Si la personne respire, ou si vous devez vous éloigner, tournez-la sur le côté (en position latérale de sécurité) pour qu’elle ne s’étouffe pas.',
    secondDose: 'Donnez une autre dose s’il n’y a pas de réaction après 2 à 3 minutes.',
    secondDoseDetail: 'Continuez d’aider la personne à respirer entre les doses.',
    stay: 'Restez avec la personne jusqu’à l’arrivée des secours.',
    stayDetail:
      'L’effet de la naloxone peut se dissiper avant celui des opioïdes, et la surdose peut alors revenir. Quand la personne se réveille, expliquez-lui ce qui s’est passé.',
    training: 'Apprendre à réagir à une surdose',
  },
  typeLabels: {
    naloxone: 'Naloxone',
    'naloxone-vending': 'Distributrice de naloxone',
    'mail-based': 'Naloxone par la poste',
    'fentanyl-test-strips': 'Bandelettes de détection du fentanyl',
    'xylazine-test-strips': 'Bandelettes de détection de la xylazine',
    'drug-checking': 'Analyse de substances',
    'syringe-services': 'Accès au matériel d’injection stérile',
    'safer-use-supplies': 'Matériel stérile de consommation',
    'overdose-prevention-site': 'Site de prévention des surdoses',
    'drop-in': 'Halte-accueil',
    treatment: 'Traitement',
    testing: 'Dépistage du VIH et des hépatites',
    'wound-care': 'Soins des plaies',
  },
  loading: 'Chargement des services…',
  useMyLocation: 'Utiliser ma position',
  locating: 'Recherche de votre position…',
  locationDenied: 'L’accès à votre position a été refusé. Vous pouvez autoriser la localisation dans les paramètres de votre navigateur et réessayer.',
  locationUnavailable: 'Impossible de trouver votre position pour le moment.',
  searchInstead: 'Vous pouvez aussi chercher un code postal ou une ville.',
  locationTimeout: 'La recherche de votre position a pris trop de temps. Réessayez, ou allez à un endroit où le signal est meilleur.',
  locationUnsupported: 'Ce navigateur ne peut pas partager de position.',
  locationInsecure: 'La localisation ne fonctionne que sur les pages sécurisées (https).',
  usingYourLocation: 'Voici les services les plus proches de vous. Votre position reste sur cet appareil.',
  showMyArea: 'Afficher mon secteur sur la carte',
  details: 'Détails',
  showOnMap: 'Voir sur la carte',
  showInList: (name) => `Voir dans la liste\u00A0: ${name}`,
  skipToMap: 'Aller à la carte',
  newTab: '(s’ouvre dans un nouvel onglet)',
  hoursHeading: 'Heures d’ouverture',
  today: 'aujourd’hui',
  accessibility: (text) => `Accessibilité\u00A0: ${text}`,
  hoursAsWritten: (text) => `Horaires\u00A0: ${text}`,
  outOfDate: 'Ces renseignements ne sont peut-être plus à jour.',
  reportProblem: 'Signaler un problème',
  filtersButton: (active) => (active ? `Filtres (${count(active, 'actif', 'actifs')})` : 'Filtres'),
  filterTypesLegend: 'Services',
  filterNeedsLegend: 'Ce dont vous avez besoin',
  filterLanguagesLegend: 'Langues',
  languageNames: {
    ase: 'langue des signes américaine',
    nv: 'navajo',
    cr: 'cri',
    iu: 'inuktitut',
    oj: 'ojibwé',
    kea: 'créole cap-verdien',
    lou: 'créole louisianais',
  },
  needLabels: {
    free: 'Gratuit',
    'no-id': 'Sans pièce d’identité',
    'walk-in': 'Sans rendez-vous',
    anonymous: 'Anonyme',
    'open-now': 'Ouvert maintenant',
    'open-24h': 'Ouvert 24\u00A0h sur 24',
  },
  filterOption: (label, options) => `${label} (${n(options)})`,
  // Noun and verb agree with those that match: "1 service sur 10 correspond", "2 services sur 10 correspondent".
  filterSummary: (matched, total, chosen) =>
    `${count(matched, 'service', 'services')} sur ${n(total)} ${plural('fr', matched, { one: 'correspond', other: 'correspondent' })}\u00A0: ${chosen}`,
  filterNone: (chosen) => `Aucun service ne correspond à ces filtres\u00A0: ${chosen}. Retirez-en pour voir plus de services.`,
  clearFilters: 'Effacer les filtres',
  nothingWithin: (distance, place) => `Aucun service à moins de ${distance} ${de(place)}. Les plus proches sont indiqués ci-dessous.`,
  nothingNearYou: (distance) => `Aucun service à moins de ${distance} de votre position. Les plus proches sont indiqués ci-dessous.`,
  defaultPlace: 'le point de départ',
  byMailHeading: 'Naloxone par la poste',
  byMailIntro: 'Ces programmes peuvent vous envoyer de la naloxone par la poste.',
  byMailCount: (total) => `${count(total, 'programme envoie', 'programmes envoient')} de la naloxone par la poste`,
  tileHostNote: (host) => `Les images de la carte proviennent du serveur ${host}, qui voit donc la zone affichée.`,
  noOrigin:
    'Aucun point de départ pour l’instant, les services sont donc présentés dans l’ordre fourni par l’organisme. Utilisez votre position pour voir d’abord les plus proches.',
  sortedFrom: (place) => `Les plus proches ${de(place)} en premier.`,
  sortedFromStart: 'Les plus proches du point de départ en premier.',
  resultsHeading: 'Services',
  resultCount: (shown, total) =>
    shown === total ? count(total, 'service', 'services') : `${count(shown, 'service affiché', 'services affichés')} sur ${n(total)}`,
  showMore: (more) => `Afficher ${count(more, 'autre service', 'autres services')}`,
  empty: 'Cette liste ne contient encore aucun service.',
  noMatches: 'Aucun service des types choisis ne figure dans la liste.',
  call: (phone) => `Appeler le ${phone}`,
  directions: 'Itinéraire',
  website: 'Site Web',
  mapLabel: 'Carte des services',
  mapKeys:
    'Les flèches déplacent la carte, et les touches plus et moins font un zoom avant ou arrière. Appuyez sur Tab pour atteindre les services, puis les flèches passent de l’un à l’autre et Entrée en choisit un.',
  zoomIn: 'Zoom avant',
  zoomOut: 'Zoom arrière',
  clusterLabel: (total, types, including) => `${count(total, 'service', 'services')}${types ? `\u00A0: ${types}` : ''}. Parmi eux, ${including}`,
  clusterCount: (total) => n(total),
  mapFailed: 'La carte n’a pas pu être chargée. La liste contient tous les services.',
  twoFingers: 'Utilisez deux doigts pour déplacer la carte',
  osmCredit: '© les contributeurs d’[OpenStreetMap](https://www.openstreetmap.org/copyright)',
  yourLocation: 'Votre position',
  yourArea: 'Votre secteur (approximatif)',
  startingPoint: 'Point de départ',
  // The status is an HTTP code, not a quantity: it is shown as the server sent it.
  // The server's reason phrase ("Not Found") is English: the code alone.
  feedErrorHttp: (status) => `${couldNotLoad}\u00A0: le serveur a répondu par l’erreur ${status}.`,
  feedErrorNetwork: `${couldNotLoad}\u00A0: la requête réseau a échoué. Vérifiez votre connexion et réessayez.`,
  feedErrorJson: `${couldNotRead}\u00A0: le fichier est endommagé ou incomplet. ${tellTheTeam}`,
  feedErrorFormat: `${couldNotRead}\u00A0: le fichier n’est pas dans un format que cette page comprend. ${tellTheTeam}`,
  feedErrorAborted: 'Le chargement de la liste des services a été interrompu.',
  feedErrorTimeout: (seconds) =>
    `${couldNotLoad}\u00A0: le serveur n’a pas répondu en ${count(seconds, 'seconde', 'secondes')}, même après une nouvelle tentative.`,
  feedErrorTooLarge: (megabytes) => `${couldNotLoad}\u00A0: le fichier dépasse la limite de ${n(megabytes)}\u00A0Mo.`,
  feedErrorEmpty: `${couldNotLoad}\u00A0: le serveur a envoyé un fichier vide.`,
  feedErrorNoValidRecords: (records) =>
    `La liste des services ne peut pas être affichée\u00A0: ${n(records)} ${plural('fr', records, {
      one: 'enregistrement trouvé, mais illisible',
      other: 'enregistrements trouvés, mais aucun n’est lisible',
    })}. ${tellTheTeam}`,
  feedAllClosed: 'Tous les services de cette liste sont indiqués comme fermés.',
  tryAgain: 'Réessayer',
  email: 'Courriel',
  free: 'Gratuit',
  cost: (text) => `Coût\u00A0: ${text}`,
  noIdRequired: 'Aucune pièce d’identité requise',
  walkIn: 'Sans rendez-vous',
  appointmentRequired: 'Sur rendez-vous',
  anonymous: 'Anonyme',
  peerRun: 'Géré par des pairs',
  open24h: 'Ouvert 24\u00A0h sur 24',
  languages: (names) => `Langues\u00A0: ${names}`,
  temporarilyClosed: 'Fermé temporairement',
  lastVerified: (date) => `Renseignements vérifiés le ${date}`,
  noPositionHeading: 'Aucune position sur la carte',
  noPositionNote: 'Ces services n’ont pas de position sur la carte, ils ne sont donc pas triés par distance. Vérifiez l’adresse.',
  chosenHeading: 'Choisi sur la carte',
  chosenNote: (place) => `Choisi\u00A0: ${place}. Il est signalé sur la carte et dans la liste.`,
  staleFeed: (date) => `Impossible d’actualiser la liste. Voici les données du ${date}.`,
};

export default fr;
