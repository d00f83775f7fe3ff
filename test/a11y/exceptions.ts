/**
 * The a11y suite's standard, and the ONE list of its exceptions. The suite (test/a11y/) and
 * Storybook's accessibility panel (.storybook/preview.ts) both read it.
 */

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (target-size is wcag22aa). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The colour modes every story and state is checked in. */
export type Mode = 'light' | 'dark' | 'forced-colors';
export const MODES: readonly Mode[] = ['light', 'dark', 'forced-colors'];

export interface AxeException {
  /** An axe rule id. */
  rule: string;
  /** The modes it is turned off in. */
  modes: readonly Mode[];
  /** Why the rule cannot judge there, or why the finding is not a barrier. */
  reason: string;
}

export const EXCEPTIONS: readonly AxeException[] = [];

/** The rules turned off in a mode, in axe's `rules` option form. */
export function disabledRules(mode: Mode): Record<string, { enabled: false }> {
  return Object.fromEntries(EXCEPTIONS.filter((e) => e.modes.includes(mode)).map((e) => [e.rule, { enabled: false }]));
}
