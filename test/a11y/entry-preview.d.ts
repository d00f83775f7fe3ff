/** Storybook's web-components renderer, which ships no types for this entry point. */
declare module '@storybook/web-components/entry-preview' {
  import type { ProjectAnnotations } from 'storybook/internal/types';
  import type { WebComponentsRenderer } from '@storybook/web-components';

  type Annotations = ProjectAnnotations<WebComponentsRenderer>;
  export const render: Annotations['render'];
  export const renderToCanvas: Annotations['renderToCanvas'];
  export const parameters: Annotations['parameters'];
}
