/** Words the map gives assistive technology; merged into the main strings later. */
export interface MapA11yStrings {
  /** The map's description: how to use it from the keyboard. */
  mapKeys: string;
}

export const enMapA11y: MapA11yStrings = {
  mapKeys:
    'Arrow keys move the map; plus and minus zoom in and out. Press Tab to reach the services on the map, then use the arrow keys to move from one service to the next and Enter to select one.',
};
