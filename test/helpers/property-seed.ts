import fc from 'fast-check';
// Served by web-test-runner.config.js: the FC_SEED environment variable, or '' when unset.
import seed from './fc-seed.js';

/**
 * Property tests run the same cases on every `npm test`, so a CI run fails only for a change
 * it was given. `npm run fuzz` (FC_SEED=random) explores new cases; a failure prints its seed,
 * and `FC_SEED=<seed> npm run fuzz` runs it again. A case worth keeping goes in the test's
 * `examples`.
 */
const FIXED_SEED = 20261202;
fc.configureGlobal(seed === 'random' ? {} : { seed: seed ? Number(seed) : FIXED_SEED });
