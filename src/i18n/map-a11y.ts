/** Words the map gives assistive technology; merged into the main strings later. */
export interface MapA11yStrings {
  /** The map's description: how to use it from the keyboard. */
  mapKeys: string;
}

export const enMapA11y: MapA11yStrings = {
  mapKeys: 'Arrow keys move the map; plus and minus zoom. Press Tab to reach the services, then arrow keys move between them and Enter selects one.',
};
