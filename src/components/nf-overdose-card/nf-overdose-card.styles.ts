import { css } from 'lit';

export const overdoseCardStyles = css`
  details {
    border: 2px solid var(--_urgent);
    border-radius: var(--_radius);
  }
  summary {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    overflow-wrap: anywhere;
    min-block-size: 44px;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    font-weight: 700;
    cursor: pointer;
    list-style: none;
  }
  summary::-webkit-details-marker {
    display: none;
  }
  /* The open state is shown by the arrow's direction, never by colour alone. The empty
     alternative text keeps the arrow out of the summary's accessible name: details and summary
     already say whether it is open. */
  summary::before {
    content: '▶' / '';
    flex: none;
    font-size: 0.75em;
  }
  details[open] > summary::before {
    content: '▼' / '';
  }
  :host(:dir(rtl)) summary::before {
    content: '◀' / '';
  }
  :host(:dir(rtl)) details[open] > summary::before {
    content: '▼' / '';
  }
  .body {
    padding-block: 0 0.75rem;
    padding-inline: 0.75rem;
  }
  p {
    margin-block: 0.5rem;
    margin-inline: 0;
  }
  ol {
    margin-block: 0.5rem;
    margin-inline: 0;
    padding-inline-start: 1.5rem;
    display: grid;
    gap: 0.5rem;
  }
  .call,
  .training {
    display: inline-flex;
    align-items: center;
    min-block-size: 44px;
    min-inline-size: 44px;
    overflow-wrap: anywhere;
  }
  /* On a line of its own, so the detail below reads as one block. */
  .call {
    display: flex;
    inline-size: fit-content;
    max-inline-size: 100%;
    box-sizing: border-box;
    padding-block: 0.25rem;
    padding-inline: 1rem;
    margin-block-end: 0.25rem;
    border: 2px solid var(--_urgent);
    border-radius: var(--_radius);
    background: var(--_urgent);
    color: var(--_on-accent);
    font-weight: 700;
    text-decoration: none;
  }
  /* Forced colours drop backgrounds: keep the call link looking like a link, and a button. */
  @media (forced-colors: active) {
    .call {
      color: LinkText;
      border-color: LinkText;
      text-decoration: underline;
    }
  }
`;
