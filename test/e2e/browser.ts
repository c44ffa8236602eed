import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { describe, it } from 'vitest';

/**
 * Browser helpers for the end-to-end journeys: a system Chromium driven by playwright-core
 * (no browser download), and an axe-core check that fails on serious or critical findings.
 */

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to drive: CHROMIUM_PATH when set, else the usual system locations. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found (set CHROMIUM_PATH)');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs axe on the page as it is now; throws a readable list of serious/critical violations. */
export async function checkA11y(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (!bad.length) return;
  const lines = bad.flatMap((v) => [
    `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
    ...v.nodes.slice(0, 5).map((n) => `    at ${n.target.join(' ')}: ${n.html.slice(0, 200)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`),
    ...(v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : []),
  ]);
  throw new Error(`Accessibility violations on ${label}:\n${lines.join('\n')}`);
}

/**
 * `describe` for suites that need a browser.
 *
 * Why not always fail or always skip: on a developer machine without Chromium the rest of the
 * suite must stay usable, so the browser journeys are skipped — but loudly, on stderr, so the
 * skip is never mistaken for a pass. In CI (CI=true) a missing browser is a broken pipeline,
 * not an excuse: the suite fails with "Chromium not found" so the journeys can never silently
 * stop running.
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (findChromium()) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a browser to run in', () => {
        throw new Error('Chromium not found: install chromium or set CHROMIUM_PATH (browser journeys are required in CI)');
      });
    });
    return;
  }
  process.stderr.write(
    `\n${'!'.repeat(78)}\n!! BROWSER JOURNEYS SKIPPED: "${name}"\n!! Chromium not found (CHROMIUM_PATH, ${CANDIDATES.join(', ')}).\n!! Install chromium or set CHROMIUM_PATH to run them. In CI (CI=true) this is a failure.\n${'!'.repeat(78)}\n\n`,
  );
  describe.skip(name, fn);
}
