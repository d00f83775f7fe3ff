import 'axe-core/axe.min.js';
import type { AxeResults, NodeResult, Result } from 'axe-core';
import { executeServerCommand } from '@web/test-runner-commands';
import { AXE_TAGS, disabledRules, type Mode } from './exceptions.js';

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

/** Puts the page in a colour mode through test/helpers/media-plugin.js; `undefined` ends emulation. */
export async function emulateMode(mode: Mode | undefined) {
  const payload = mode && { colorScheme: mode === 'dark' ? 'dark' : 'light', forcedColors: mode === 'forced-colors' ? 'active' : 'none' };
  await executeServerCommand('emulate-colour-mode', payload);
  if (mode === 'forced-colors' && !matchMedia('(forced-colors: active)').matches) throw new Error('forced colours did not turn on');
  if (mode === 'dark' && !matchMedia('(prefers-color-scheme: dark)').matches) throw new Error('the dark colour scheme did not turn on');
}

/** One line per failing element: where it is (through shadow roots) and its markup. */
function describeNode(node: NodeResult) {
  const where = node.target.map((t) => (Array.isArray(t) ? t.join(' ⇒ ') : String(t))).join(' ⇒ ');
  const markup = node.html.replace(/\s+/g, ' ').slice(0, 240);
  const why = node.failureSummary?.replace(/\s+/g, ' ').trim();
  return `    at ${where}\n      ${markup}${why ? `\n      ${why}` : ''}`;
}

export function describeViolations(where: string, violations: Result[]) {
  return violations
    .map((v) => `[${v.impact ?? 'no impact'}] ${v.id}: ${v.help} (${where}; ${v.nodes.length} element(s))\n${v.nodes.map(describeNode).join('\n')}`)
    .join('\n');
}

/**
 * Runs axe over `root` (shadow roots included) at the suite's standard, minus the mode's
 * exceptions, and fails with every violation spelled out.
 */
export async function expectNoViolations(root: Element, mode: Mode, where: string) {
  const results: AxeResults = await window.axe.run(root, {
    runOnly: { type: 'tag', values: AXE_TAGS },
    rules: disabledRules(mode),
    resultTypes: ['violations'],
  });
  if (results.violations.length) throw new Error(`axe found ${results.violations.length} violation(s)\n${describeViolations(where, results.violations)}`);
}
