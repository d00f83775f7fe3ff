/** Served by test/a11y/story-server.js: each stories/*.stories.ts module, keyed by file name. */
declare const modules: Record<string, Record<string, unknown>>;
export default modules;
