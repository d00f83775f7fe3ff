import { checkEveryStory } from './stories.js';

checkEveryStory('dark');
