import { checkEveryStory } from './stories.js';

checkEveryStory('light');
