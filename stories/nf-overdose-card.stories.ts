import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/components/nf-overdose-card/nf-overdose-card.js';

interface CardArgs {
  lang?: string;
  open?: boolean;
  'emergency-number'?: string;
  'good-samaritan-note'?: string;
  'training-url'?: string;
  'training-label'?: string;
}

const meta = {
  title: 'Components/nf-overdose-card',
  component: 'nf-overdose-card',
  render: (args) => html`
    <nf-overdose-card
      lang=${ifDefined(args.lang || undefined)}
      ?open=${args.open ?? false}
      emergency-number=${ifDefined(args['emergency-number'] || undefined)}
      good-samaritan-note=${ifDefined(args['good-samaritan-note'] || undefined)}
      training-url=${ifDefined(args['training-url'] || undefined)}
      training-label=${ifDefined(args['training-label'] || undefined)}
    ></nf-overdose-card>
  `,
  argTypes: {
    lang: { control: 'select', options: ['en-US', 'en-CA', 'es-MX', 'en-GB', 'fr-FR', 'de-CH', 'en-AU', 'en-NZ', 'ja-JP'] },
    open: { control: 'boolean' },
    'emergency-number': { control: 'text' },
    'good-samaritan-note': { control: 'text' },
    'training-url': { control: 'text' },
    'training-label': { control: 'text' },
  },
  args: { lang: 'en-US', open: false },
  parameters: {
    docs: {
      description: {
        component:
          'What to do if someone may be overdosing, collapsed by default. The number to call comes from `emergency-number`, ' +
          'else from the country of the element’s language. Works alone or inside `<naloxone-finder>`.',
      },
    },
  },
} satisfies Meta<CardArgs>;

export default meta;
type Story = StoryObj<CardArgs>;

const describe = (story: string) => ({ docs: { description: { story } } });

export const Collapsed: Story = {
  parameters: describe('As a visitor first sees it: one line, opened by a click, a tap, Enter or Space.'),
};

export const Open: Story = {
  args: { open: true },
  parameters: describe('The steps, in the order public-health agencies publish them, with a link that calls 911 (`lang="en-US"`).'),
};

export const ByLanguage: Story = {
  name: 'Number from the language (en-GB)',
  args: { open: true, lang: 'en-GB' },
  parameters: describe('`lang="en-GB"` calls 999; `en-AU` 000, `en-NZ` 111, `fr-FR` and other countries 112.'),
};

export const PartnerNumber: Story = {
  name: 'Partner’s emergency number',
  args: { open: true, lang: 'de-CH', 'emergency-number': '144' },
  parameters: describe('`emergency-number="144"` (the Swiss ambulance number) overrides the number for the language.'),
};

export const GoodSamaritanAndTraining: Story = {
  name: 'Good Samaritan note and training link',
  args: {
    open: true,
    'good-samaritan-note': 'The law protects you and the person overdosing from simple drug possession charges when you call for help.',
    'training-url': 'https://example.org/naloxone-training',
    'training-label': 'Book a free naloxone training',
  },
};
