// Builds custom-elements.json (README, Storybook autodocs, editors) from the JSDoc in src/.
import { readdirSync, readFileSync } from 'node:fs';

/** Constants written as a number or a quoted string in src/ (`const DEFAULT_TIMEOUT_S = 15;`), by name. */
function literalConstants() {
  const values = new Map();
  for (const file of readdirSync('src', { recursive: true })) {
    if (!String(file).endsWith('.ts') || String(file).startsWith('places/data')) continue;
    const text = readFileSync(`src/${file}`, 'utf8');
    for (const [, name, value] of text.matchAll(/\bconst ([A-Z][A-Z0-9_]+)(?::[^=]+)? = (-?\d[\d_.]*|'[^'\n]*');/g))
      values.set(name, value.replaceAll('_', ''));
  }
  return values;
}

export default {
  globs: ['src/**/*.ts'],
  // The gazetteer's data modules are not API: as "defaults", their strings were half the file (1 MB).
  exclude: ['src/**/*.styles.ts', 'src/cli/**', 'src/places/data/**', 'src/places/build/**'],
  litelement: true,
  plugins: [
    {
      // A default written as a constant's name (DEFAULT_TIMEOUT_S) shows as its value (15).
      name: 'nf-constant-defaults',
      packageLinkPhase({ customElementsManifest }) {
        const constants = literalConstants();
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            for (const item of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
              if (constants.has(item.default)) item.default = constants.get(item.default);
            }
          }
        }
      },
    },
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
