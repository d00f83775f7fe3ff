/* global document */
// The demo page's only script (a file, so it runs under the strict CSP). The SAMHSA feed is
// converted by `npm start` from ../shared/data; when that folder is missing the feed is a 404,
// and this shows the page's note saying why and how to get it.
const finder = document.getElementById('samhsa-finder');
const note = document.getElementById('samhsa-missing');

finder?.addEventListener('nf-feed-error', (event) => {
  if (note && event.detail.kind === 'http' && event.detail.status === 404) note.hidden = false;
});

// The language picker above the Vancouver finder: the finder follows its `lang` attribute. Its
// `origin-label` is shown as written, so a page in several languages gives it in each.
const picker = document.getElementById('vancouver-lang');
const vancouver = document.getElementById('vancouver-finder');
const ORIGIN_LABELS = { 'en-CA': 'downtown Vancouver', 'fr-CA': 'le centre-ville de Vancouver', es: 'el centro de Vancouver' };
picker?.addEventListener('change', () => {
  vancouver?.setAttribute('lang', picker.value);
  vancouver?.setAttribute('origin-label', ORIGIN_LABELS[picker.value] ?? ORIGIN_LABELS['en-CA']);
});
