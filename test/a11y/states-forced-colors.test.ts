import { checkEveryState } from './states.js';

checkEveryState('forced-colors');
