import { checkEveryState } from './states.js';

checkEveryState('light');
