import { numberFormat, plural } from '../intl.js';
import type { Strings } from '../strings.js';

/**
 * Counts grouped by a space ("14 034"), as the RAE advises: a comma ("14,034", Latin America)
 * reads as a decimal in Spain, and a point ("14.034", Spain) as one in Mexico, where distances
 * beside it are written "0,9 km" or "0.9 km".
 */
const n = (value: number) => numberFormat('es-419', {}).format(value).replace(/,/g, '\u00A0');
/** The count and its noun in the form Spanish uses for it ("1 servicio", "2 servicios"). */
const count = (value: number, one: string, other: string) => `${n(value)} ${plural('es', value, { one, other })}`;
/** Spanish contracts "a el" and "de el" ("al punto de partida"), but not before a name such as "El Paso". */
const a = (place: string) => (place.startsWith('el ') ? `al ${place.slice(3)}` : `a ${place}`);
const de = (place: string) => (place.startsWith('el ') ? `del ${place.slice(3)}` : `de ${place}`);

const couldNotLoad = 'No se pudo cargar la lista de servicios';
const tellTheTeam = 'Por favor, avise al equipo de este sitio web.';

/** Spanish for the Americas, addressing the visitor as "usted". */
const es: Strings = {
  hours: {
    open24h: 'Abierto las 24 horas',
    openClosesAt: 'Abierto ahora · cierra {at}',
    openClosesOn: 'Abierto ahora · cierra el {day} {at}',
    openNow: 'Abierto ahora',
    closesIn: { one: 'Cierra en {n} min', other: 'Cierra en {n} min' },
    closedOpensAt: 'Cerrado · abre {at}',
    closedOpensOn: 'Cerrado · abre el {day} {at}',
    opensIn: { one: 'Abre en {n} min', other: 'Abre en {n} min' },
    closed: 'Cerrado',
    // "a la 1", "a la 1:30", "a la 01:00"; "a las 9", "a las 13:00".
    atTime: (time) => `${/^0?1(?!\d)/.test(time) ? 'a la' : 'a las'} ${time}`,
    // "el martes", not "el mar" ("the sea").
    weekday: 'long',
  },
  places: {
    label: 'Código postal (ZIP) o ciudad',
    landmark: (context) => (context ? `Búsqueda de lugares: ${context}` : 'Búsqueda de lugares'),
    search: 'Buscar',
    searching: 'Buscando…',
    ambiguous: (places) => `Hay ${count(places, 'lugar', 'lugares')} con ese nombre. Elija uno.`,
    similar: 'Ningún lugar tiene exactamente ese nombre. ¿Quiso decir alguno de estos?',
    notFound: (query) => `No se encontró ningún lugar llamado “${query}”. Revise cómo está escrito o pruebe con un código postal.`,
    unknownZip: (code) => `El código postal ${code} no existe. Revise los cinco dígitos.`,
    unlocatedZip: (code) =>
      `El código postal ${code} no tiene una ubicación en el mapa (es un código militar o solo para correo). Pruebe con un código postal cercano o con un pueblo.`,
    unknownPostalDistrict: (code) => `Ningún código postal de Canadá empieza con ${code}. Revise los tres primeros caracteres.`,
    invalid: {
      empty: 'Escriba un código postal o el nombre de una ciudad o pueblo.',
      'too-long': 'Es demasiado largo para el nombre de un lugar. Escriba un código postal o una ciudad.',
      'no-letters-or-digits': 'Escriba letras o números: un código postal o una ciudad.',
      'zip-digits': 'Un código postal (ZIP) de EE. UU. tiene cinco dígitos; por ejemplo, 15213.',
    },
    unavailable: 'No se pudo cargar la lista de lugares. Revise su conexión e inténtelo de nuevo.',
    selected: (label) => `Se muestran lugares cerca ${de(label)}.`,
    near: 'cerca de',
  },
  overdose: {
    summary: 'Si cree que alguien tiene una sobredosis',
    signs:
      'Las señales pueden incluir: la persona no se despierta; respiración lenta, débil o ausente; labios o uñas de color azul o gris; sonidos de ahogo, gorgoteo o ronquidos.',
    call: (number) => `Llame al ${number}`,
    callDetail: 'Diga que una persona no respira o no se despierta, y dónde está usted.',
    naloxone: 'Administre naloxona.',
    naloxoneDetail:
      'Rocíela en una fosa nasal, o inyéctela en el muslo o en la parte superior del brazo. Es segura aunque la persona no haya consumido opioides.',
    breathing: 'Ayude a la persona a respirar.',
    breathingDetail:
      'Dé respiración de rescate o compresiones en el pecho si sabe hacerlo. Si la persona respira, o si usted tiene que alejarse, acuéstela de lado (en posición de recuperación) para que no se ahogue.',
    secondDose: 'Administre otra dosis si no responde después de 2 a 3 minutos.',
    secondDoseDetail: 'Siga ayudando a la persona a respirar entre una dosis y otra.',
    stay: 'Quédese con la persona hasta que llegue la ayuda.',
    stayDetail:
      'El efecto de la naloxona puede pasar antes que el de los opioides, así que la sobredosis puede volver. Cuando la persona despierte, cuéntele lo que pasó.',
    training: 'Aprenda a responder ante una sobredosis',
  },
  typeLabels: {
    naloxone: 'Naloxona',
    'naloxone-vending': 'Máquina expendedora de naloxona',
    'mail-based': 'Naloxona por correo',
    'fentanyl-test-strips': 'Tiras reactivas de fentanilo',
    'xylazine-test-strips': 'Tiras reactivas de xilacina',
    'drug-checking': 'Análisis de sustancias',
    'syringe-services': 'Jeringas estériles y servicios relacionados',
    'safer-use-supplies': 'Materiales para un consumo más seguro',
    'overdose-prevention-site': 'Centro de prevención de sobredosis',
    'drop-in': 'Centro de acogida',
    treatment: 'Tratamiento',
    testing: 'Pruebas de VIH y hepatitis',
    'wound-care': 'Cuidado de heridas',
  },
  loading: 'Cargando servicios…',
  useMyLocation: 'Usar mi ubicación',
  locating: 'Buscando su ubicación…',
  locationDenied: 'No se dio permiso para usar su ubicación. Puede permitir la ubicación en la configuración del navegador e intentarlo de nuevo.',
  locationUnavailable: 'No se pudo encontrar su ubicación en este momento.',
  searchInstead: 'También puede buscar un código postal o una ciudad.',
  locationTimeout: 'Buscar su ubicación tardó demasiado. Inténtelo de nuevo o vaya a un lugar con mejor señal.',
  locationUnsupported: 'Este navegador no puede compartir una ubicación.',
  locationInsecure: 'La ubicación solo funciona en páginas seguras (https).',
  usingYourLocation: 'Se muestran los servicios más cercanos a usted. Su ubicación se queda en este dispositivo.',
  showMyArea: 'Mostrar mi zona en el mapa',
  details: 'Detalles',
  showOnMap: 'Ver en el mapa',
  showInList: (name) => `Ver en la lista: ${name}`,
  skipToMap: 'Ir al mapa',
  newTab: '(se abre en una pestaña nueva)',
  hoursHeading: 'Horario',
  today: 'hoy',
  accessibility: (text) => `Accesibilidad: ${text}`,
  hoursAsWritten: (text) => `Horario: ${text}`,
  outOfDate: 'Es posible que esta información no esté actualizada.',
  reportProblem: 'Reportar un problema',
  filtersButton: (active) => (active ? `Filtros (${n(active)} ${plural('es', active, { one: 'activo', other: 'activos' })})` : 'Filtros'),
  filterTypesLegend: 'Servicios',
  filterNeedsLegend: 'Lo que necesita',
  filterLanguagesLegend: 'Idiomas',
  languageNames: {
    ase: 'lengua de señas americana',
    nv: 'navajo',
    cr: 'cree',
    iu: 'inuktitut',
    oj: 'ojibwe',
    kea: 'criollo caboverdiano',
    lou: 'criollo de Luisiana',
  },
  needLabels: {
    free: 'Gratis',
    'no-id': 'Sin identificación',
    'walk-in': 'Sin cita',
    anonymous: 'Anónimo',
    'open-now': 'Abierto ahora',
    'open-24h': 'Abierto las 24 horas',
  },
  filterOption: (label, options) => `${label} (${n(options)})`,
  // The noun agrees with the total ("de 10 servicios"), the verb with those that match ("1 … coincide").
  filterSummary: (matched, total, chosen) =>
    `${n(matched)} de ${count(total, 'servicio', 'servicios')} ${plural('es', matched, { one: 'coincide', other: 'coinciden' })}: ${chosen}`,
  filterNone: (chosen) => `Ningún servicio coincide con: ${chosen}. Quite algunos filtros para ver más.`,
  clearFilters: 'Quitar filtros',
  nothingWithin: (distance, place) => `No hay servicios a menos de ${distance} ${de(place)}. Abajo aparecen los más cercanos.`,
  nothingNearYou: (distance) => `No hay servicios a menos de ${distance} de su ubicación. Abajo aparecen los más cercanos.`,
  defaultPlace: 'el punto de partida',
  byMailHeading: 'Naloxona por correo',
  byMailIntro: 'Estos programas pueden enviarle naloxona por correo.',
  byMailCount: (total) => `${count(total, 'programa envía', 'programas envían')} naloxona por correo`,
  tileHostNote: (host) => `Las imágenes del mapa vienen de ${host}, que así puede ver la zona que se muestra.`,
  noOrigin:
    'Todavía no hay un punto de partida, así que los servicios aparecen en el orden que dio el proveedor. Use su ubicación para ver primero los más cercanos.',
  sortedFrom: (place) => `Primero los más cercanos ${a(place)}.`,
  sortedFromStart: 'Primero los más cercanos al punto de partida.',
  resultsHeading: 'Servicios',
  resultCount: (shown, total) =>
    shown === total
      ? count(total, 'servicio', 'servicios')
      : `${plural('es', shown, { one: 'Se muestra', other: 'Se muestran' })} ${n(shown)} de ${count(total, 'servicio', 'servicios')}`,
  showMore: (more) => `Mostrar ${count(more, 'servicio más', 'servicios más')}`,
  empty: 'Esta lista todavía no tiene servicios.',
  noMatches: 'No hay servicios de los tipos elegidos.',
  call: (phone) => `Llamar al ${phone}`,
  directions: 'Cómo llegar',
  website: 'Sitio web',
  mapLabel: 'Mapa de servicios',
  mapKeys:
    'Las flechas mueven el mapa; las teclas más y menos acercan y alejan. Presione Tab para llegar a los servicios; después, las flechas pasan de uno a otro y Enter elige uno.',
  zoomIn: 'Acercar',
  zoomOut: 'Alejar',
  clusterLabel: (total, types, including) => `${count(total, 'servicio', 'servicios')}${types ? `: ${types}` : ''}. Entre ellos, ${including}`,
  clusterCount: (total) => n(total),
  mapFailed: 'No se pudo cargar el mapa. La lista tiene todos los servicios.',
  twoFingers: 'Use dos dedos para mover el mapa',
  osmCredit: '© colaboradores de [OpenStreetMap](https://www.openstreetmap.org/copyright)',
  yourLocation: 'Su ubicación',
  yourArea: 'Su zona (aproximada)',
  startingPoint: 'Punto de partida',
  // The status is an HTTP code, not a quantity: it is shown as the server sent it.
  // The server's reason phrase ("Not Found") is English: the code alone.
  feedErrorHttp: (status) => `${couldNotLoad}: el servidor respondió con el error ${status}.`,
  feedErrorNetwork: `${couldNotLoad}: falló la conexión. Revise su conexión e inténtelo de nuevo.`,
  feedErrorJson: `No se pudo leer la lista de servicios: el archivo está dañado o incompleto. ${tellTheTeam}`,
  feedErrorFormat: `No se pudo leer la lista de servicios: el archivo no está en un formato que esta página entienda. ${tellTheTeam}`,
  feedErrorAborted: 'Se detuvo la carga de la lista de servicios.',
  feedErrorTimeout: (seconds) => `${couldNotLoad}: el servidor no respondió en ${count(seconds, 'segundo', 'segundos')}, ni siquiera al intentarlo otra vez.`,
  feedErrorTooLarge: (megabytes) => `${couldNotLoad}: el archivo pasa del límite de ${n(megabytes)} MB.`,
  feedErrorEmpty: `${couldNotLoad}: el servidor envió un archivo vacío.`,
  feedErrorNoValidRecords: (records) =>
    `No se puede mostrar la lista de servicios: tiene ${n(records)} ${plural('es', records, {
      one: 'registro, pero no se pudo leer',
      other: 'registros, pero no se pudo leer ninguno',
    })}. ${tellTheTeam}`,
  feedAllClosed: 'Todos los servicios de esta lista figuran como cerrados.',
  tryAgain: 'Intentar de nuevo',
  email: 'Correo electrónico',
  free: 'Gratis',
  cost: (text) => `Costo: ${text}`,
  noIdRequired: 'No se pide identificación',
  walkIn: 'Sin cita',
  appointmentRequired: 'Se necesita cita',
  anonymous: 'Anónimo',
  peerRun: 'Dirigido por pares',
  open24h: 'Abierto las 24 horas',
  languages: (names) => `Idiomas: ${names}`,
  temporarilyClosed: 'Cerrado temporalmente',
  lastVerified: (date) => `Información verificada el ${date}`,
  noPositionHeading: 'Sin ubicación en el mapa',
  noPositionNote: 'Estos servicios no tienen ubicación en el mapa, así que no están ordenados por distancia. Revise la dirección.',
  chosenHeading: 'Elegido en el mapa',
  chosenNote: (place) => `Elegido: ${place}. Está marcado en el mapa y en la lista.`,
  staleFeed: (date) => `No se pudo actualizar la lista; se muestran los datos del ${date}.`,
};

export default es;
