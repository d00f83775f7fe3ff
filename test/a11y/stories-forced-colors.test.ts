import { checkEveryStory } from './stories.js';

checkEveryStory('forced-colors');
