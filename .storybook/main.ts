import type { StorybookConfig } from '@storybook/web-components-vite';
import { leafletTrustedTypes } from '../rollup.config.js';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // Feeds are served the way a partner would host them: fictional fixtures, and the real
  // 2018 Vancouver demonstration data that the demo page uses.
  staticDirs: [
    { from: '../stories/fixtures', to: '/fixtures' },
    { from: '../demo', to: '/demo' },
  ],
  core: {
    // Nothing may call out: the network here is closed, and reviewers should not be tracked.
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      // Leaflet without its evaluation-time HTML writes, as in the build: in stories, and in
      // the dev server's pre-bundled copy of Leaflet.
      plugins: [leafletTrustedTypes()],
      // Without these the dev server pre-bundles lit once for Storybook's renderer and again
      // for our elements, and Lit warns "Multiple versions of Lit loaded".
      optimizeDeps: {
        include: [
          'lit',
          'lit/decorators.js',
          'lit/directive-helpers.js',
          'lit/directives/if-defined.js',
          '@lit/task',
          'leaflet/dist/leaflet-src.esm.js',
          '@turf/distance',
        ],
        rolldownOptions: { plugins: [leafletTrustedTypes()] },
      },
      // Storybook's own docs renderer is one ~1 MB chunk; our elements are a small part of it.
      build: { chunkSizeWarningLimit: 1200 },
    });
  },
};

export default config;
