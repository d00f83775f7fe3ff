// Builds custom-elements.json (README, Storybook autodocs, editors) from the JSDoc in src/.
export default {
  globs: ['src/**/*.ts'],
  // The gazetteer's data modules are not API: as "defaults", their strings were half the file (1 MB).
  exclude: ['src/**/*.styles.ts', 'src/cli/**', 'src/places/data/**', 'src/places/build/**'],
  litelement: true,
  plugins: [
    {
      // `dispatchEvent(new NfXEvent(...))` is also picked up without a name; the @fires tags
      // already document every event with its name and detail.
      name: 'nf-drop-unnamed-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
  ],
};
