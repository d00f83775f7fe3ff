import { css } from 'lit';
import { outlineButton } from '../../styles/buttons.js';

export const filterBarStyles = css`
  :host {
    container-type: inline-size;
  }
  .toggle,
  .clear {
    ${outlineButton}
  }
  .panel {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    margin-block: 0.5rem;
  }
  .group {
    margin: 0;
    padding: 0;
    border: none;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    font-weight: 700;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 44px;
    cursor: pointer;
  }
  .option input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    /* A long label beside it on a narrow screen must not squeeze the box. */
    flex-shrink: 0;
    margin: 0;
    accent-color: var(--_accent);
  }
  .summary {
    margin: 0.25rem 0;
    color: var(--_muted);
  }
  .summary:empty {
    display: none;
  }
  /* The groups hide behind the "Filters" button at every width: one Tab stop, not one per
     choice, between the search and the first result. */
  .panel[data-collapsed] {
    display: none;
  }
`;
