import { checkEveryState } from './states.js';

checkEveryState('dark');
