// The package's subpath exports resolve, by name, to what README says they hold (after `npm run build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('naloxone-finder/places/search.js gives searchPlaces, and /query/spatial-index.js gives indexFor', async () => {
  const { searchPlaces } = await import('naloxone-finder/places/search.js');
  const { indexFor } = await import('naloxone-finder/query/spatial-index.js');
  assert.equal(typeof searchPlaces, 'function');
  assert.equal(typeof indexFor, 'function');
  const index = indexFor([{ id: 'a', name: 'Example (fictional)', types: ['naloxone'], lat: 1, lng: 2 }]);
  assert.equal(typeof index, 'object');
});
