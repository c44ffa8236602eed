import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
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

/** Whether page scripts (and so timers) run in this page: false in a `javaScriptEnabled: false` context.
 * The answer belongs to the context and never changes, so it is asked once per context (the probe
 * of a script-less page waits a whole second for a timer that never fires). */
const scriptsByContext = new WeakMap<BrowserContext, boolean>();
async function scriptsRun(page: Page): Promise<boolean> {
  const known = scriptsByContext.get(page.context());
  if (known !== undefined) return known;
  let timer: NodeJS.Timeout | undefined;
  const probe = page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))).catch(() => false);
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), 1_000);
  });
  const ok = await Promise.race([probe, timeout]);
  clearTimeout(timer);
  scriptsByContext.set(page.context(), ok);
  return ok;
}

/** One scratch page per browser and viewport, reused for every snapshot: a new context per check
 * cost about a second a page and fetched the stylesheet and fonts again each time. */
type Scratch = { page: Page; snapshots: Map<string, string>; busy: Promise<unknown> };
const scratchPages = new WeakMap<Browser, Map<string, Promise<Scratch>>>();
function scratchFor(browser: Browser, viewport: { width: number; height: number } | null): Promise<Scratch> {
  let byViewport = scratchPages.get(browser);
  if (!byViewport) {
    byViewport = new Map();
    scratchPages.set(browser, byViewport);
  }
  const key = viewport ? `${viewport.width}x${viewport.height}` : 'default';
  let scratch = byViewport.get(key);
  if (!scratch) {
    scratch = (async () => {
      const ctx = await browser.newContext({ viewport: viewport ?? undefined, javaScriptEnabled: true });
      const page = await ctx.newPage();
      const snapshots = new Map<string, string>();
      await page.route(
        (u) => snapshots.has(u.href),
        (route) => {
          const body = snapshots.get(route.request().url());
          if (body === undefined || !route.request().isNavigationRequest()) return route.continue();
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': "script-src 'none'" }, body });
        },
      );
      return { page, snapshots, busy: Promise.resolve() };
    })();
    byViewport.set(key, scratch);
  }
  return scratch;
}

/**
 * axe-core needs timers, which never fire in a page with JavaScript disabled. There the page's
 * DOM (the server's HTML, untouched by scripts) is re-served at the same URL in a scratch
 * page with scripts forbidden by CSP ("script-src 'none'": only axe, injected through the
 * DevTools protocol, runs), with the same viewport; stylesheets still come from the server.
 */
async function analyzeSnapshot(page: Page) {
  const browser = page.context().browser();
  if (!browser) throw new Error('checkA11y: page has no browser');
  const html = await page.content();
  const url = page.url();
  const scratch = await scratchFor(browser, page.viewportSize());
  // One snapshot at a time on the shared scratch page.
  const run = scratch.busy.then(async () => {
    scratch.snapshots.set(url, html);
    try {
      // about:blank first, so the same URL twice in a row is still a fresh navigation.
      await scratch.page.goto('about:blank');
      await scratch.page.goto(url);
      return await new AxeBuilder({ page: scratch.page }).analyze();
    } finally {
      scratch.snapshots.delete(url);
    }
  });
  scratch.busy = run.catch(() => {});
  return run;
}

/**
 * The page template a URL shows: path segments holding a digit (ids, codes, dates) become ':id'
 * and only the query's keys count, so /quan-tri/ho-so/123 and /quan-tri/ho-so/456 are one template.
 */
export function templateOf(url: string): string {
  const u = new URL(url);
  const path = u.pathname
    .split('/')
    .map((seg) => (/\d/.test(seg) ? ':id' : seg))
    .join('/');
  const keys = [...new Set(u.searchParams.keys())].sort();
  return keys.length ? `${path}?${keys.join('&')}` : path;
}

/** Templates already checked in this test file (a fork runs one file at a time), keyed by
 * template, JS mode, viewport width and whether an error summary is shown. axe costs 2–3 s a
 * page and the journeys visit the same templates again and again with other records. */
const checkedTemplates = new Set<string>();
const a11yStats = { run: 0, skipped: 0, ms: 0 };
// A11Y_STATS=1 prints how many checks ran and were skipped in this file, and the time axe took.
if (process.env.A11Y_STATS) {
  process.on('exit', () =>
    process.stderr.write(`axe: ${a11yStats.run} checks run (${Math.round(a11yStats.ms / 1000)} s), ${a11yStats.skipped} skipped as already-checked templates\n`),
  );
}

/**
 * Runs axe on the page as it is now; throws a readable list of serious/critical violations.
 * A template (see `templateOf`, or `opts.template`) already checked in the same JS mode and
 * viewport is not checked again: a page built from the same template with other data has the
 * same structure. A11Y_FULL=1 checks every call (a full audit, or to compare timings).
 */
export async function checkA11y(page: Page, label = page.url(), opts: { template?: string } = {}): Promise<void> {
  const scripts = await scriptsRun(page);
  if (!process.env.A11Y_FULL) {
    const withErrors = await page
      .locator('.vh-error-summary')
      .count()
      .catch(() => 0);
    const key = [opts.template ?? templateOf(page.url()), scripts ? 'js' : 'nojs', page.viewportSize()?.width ?? 'default', withErrors ? 'errors' : ''].join('|');
    if (checkedTemplates.has(key)) {
      a11yStats.skipped++;
      return;
    }
    checkedTemplates.add(key);
  }
  const started = performance.now();
  const results = scripts ? await new AxeBuilder({ page }).analyze() : await analyzeSnapshot(page);
  a11yStats.run++;
  a11yStats.ms += performance.now() - started;
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // A11Y_VERBOSE=1 also lists the moderate and minor findings (reported, never failing).
  if (process.env.A11Y_VERBOSE) {
    for (const v of results.violations.filter((x) => !bad.includes(x)))
      process.stderr.write(`axe [${v.impact}] ${v.id} on ${label}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}\n`);
  }
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
    `\n${'!'.repeat(78)}\n!! BROWSER JOURNEYS SKIPPED: "${name}"\n!! Chromium not found (${process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : `looked in ${CANDIDATES.join(', ')}`}).\n!! Install chromium or set CHROMIUM_PATH to run them. In CI (CI=true) this is a failure.\n${'!'.repeat(78)}\n\n`,
  );
  // Skipped only outside CI when no Chromium exists (reason in the comment above); CI fails instead.
  describe.skip(name, fn);
}
