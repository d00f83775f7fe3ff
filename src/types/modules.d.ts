// Leaflet 1.9 ships its ES module without an `exports` map; give it leaflet's own types.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}

// CSS imported as text, to be adopted into shadow roots (Vite's `?inline`; our Rollup and
// test-runner plugins do the same).
declare module '*.css?inline' {
  const css: string;
  export default css;
}
