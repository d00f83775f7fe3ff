import { css } from 'lit';

export const placeSearchStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
  }
  .field {
    position: relative;
    display: grid;
    gap: 0.25rem;
    flex: 1 1 14rem;
  }
  label {
    font-weight: 600;
  }
  input,
  button {
    font: inherit;
    box-sizing: border-box;
    min-block-size: 2.75rem;
    border-radius: var(--_radius);
  }
  input {
    inline-size: 100%;
    padding-inline: 0.6rem;
    border: 1px solid var(--_muted);
    color: var(--_text);
    background: var(--_bg);
  }
  button {
    padding-inline: 1rem;
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  [role='listbox'] {
    list-style: none;
    margin: 0;
    margin-block-start: 0.25rem;
    padding: 0.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-sizing: border-box;
    max-block-size: 16rem;
    overflow-y: auto;
  }
  [role='option'] {
    /* A finger's width (the toolbar's buttons are as tall). */
    box-sizing: border-box;
    min-block-size: 44px;
    display: flex;
    align-items: center;
    padding-block: 0.4rem;
    padding-inline: 0.6rem;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  [role='option'][aria-selected='true'] {
    background: var(--_selected);
    outline: 2px solid var(--_accent);
  }
  .message {
    margin: 0;
    margin-block-start: 0.4rem;
    color: var(--_muted);
  }
  .message:empty {
    display: none;
  }
`;
