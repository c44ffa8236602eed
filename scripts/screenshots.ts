/**
 * Screenshots of the main pages at 375 px (phone) and 1280 px (desktop) into docs/screenshots/,
 * first screen only, so they show what a reader sees before scrolling (issue 10: the page
 * heading must be in it). Runs against a throwaway demo platform on a fresh database of the
 * PostgreSQL server at DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * with Chromium at CHROMIUM_PATH (default /usr/bin/chromium).
 *
 *   npm run screenshots
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Page } from 'playwright-core';
import { openPlatform, startServer } from '../src/core/app.js';
import { loadConfig } from '../src/core/config.js';
import { findUserByEmail } from '../src/core/identity/identity.repository.js';
import { attachFile, createDraftFromApi, submitDossier } from '../src/modules/dossiers/dossiers.commands.js';

const OUT = path.resolve(import.meta.dirname, '../docs/screenshots');
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Demo@2026';
const PROCEDURE = 'DEMO.000101';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const WIDTHS = [
  { name: '375', viewport: { width: 375, height: 667 } },
  { name: '1280', viewport: { width: 1280, height: 800 } },
];

async function main() {
  const dbName = `vh_screens_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-screens-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: dbUrl.toString(), VANHIEN_DATA_DIR: dataDir, VANHIEN_DEMO: 'true', LOG_LEVEL: 'silent' });
  const platform = await openPlatform({ config, quiet: true });
  const app = await startServer(platform, { worker: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    // A submitted dossier for the staff dossier page, filed through the commands as the demo citizen.
    const services = platform.services;
    const u = (await findUserByEmail(services.db, 'congdan@vanhien.test'))!;
    const citizen = { services, actor: { userId: u.id, label: u.fullName, kind: 'citizen' as const, email: u.email, grants: [] } };
    const answers = {
      fullName: u.fullName,
      idNumber: '012345678901',
      phone: '0912345678',
      email: u.email,
      address: '12 Lê Lợi, phường Sài Gòn, Thành phố Hồ Chí Minh',
      applicantType: 'ca-nhan',
      businessName: 'Hộ kinh doanh Karaoke Sao Mai',
      taxCode: '0101234567',
      venueAddress: '34 Hai Bà Trưng, phường Sài Gòn, Thành phố Hồ Chí Minh',
      areaType: 'do-thi',
      roomCount: '3',
      roomAreas: 'Phòng 1 – 24 m²; Phòng 2 – 30 m²; Phòng 3 – 22 m²',
      commitGlassDoor: 'true',
      commitConditions: 'true',
      commitTruthful: 'true',
      consentPersonalData: 'true',
    };
    const { dossier } = await createDraftFromApi(citizen, { procedureCode: PROCEDURE, answers, idempotencyKey: 'screens' });
    for (let i = 0; i < 3; i++) await attachFile(citizen, dossier.id, i, { data: PDF, originalName: `giay-to-${i + 1}.pdf` });
    await submitDossier(citizen, dossier.id, 'screens-submit');

    fs.mkdirSync(OUT, { recursive: true });
    const shots: { name: string; path: string | ((page: Page) => Promise<string>); as?: string }[] = [
      { name: 'home', path: '/' },
      { name: 'procedure', path: `/thu-tuc/${PROCEDURE}` },
      {
        name: 'eform-step',
        as: 'congdan@vanhien.test',
        path: async (page) => {
          await page.goto(`${base}/thu-tuc/${PROCEDURE}/nop`);
          const fresh = page.getByRole('button', { name: 'Bắt đầu hồ sơ mới' });
          if (await fresh.count()) await Promise.all([page.waitForNavigation(), fresh.click()]);
          return new URL(page.url()).pathname;
        },
      },
      { name: 'staff-home', as: 'tiepnhan@vanhien.test', path: '/quan-tri' },
      { name: 'staff-dossier', as: 'tiepnhan@vanhien.test', path: `/quan-tri/ho-so/${dossier.id}` },
    ];
    for (const w of WIDTHS) {
      for (const shot of shots) {
        const ctx = await browser.newContext({ viewport: w.viewport, locale: 'vi-VN' });
        const page = await ctx.newPage();
        if (shot.as) {
          await page.goto(`${base}/dang-nhap`);
          await page.getByLabel('Thư điện tử', { exact: true }).fill(shot.as);
          await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
          await Promise.all([page.waitForNavigation(), page.getByLabel('Mật khẩu', { exact: true }).press('Enter')]);
        }
        const target = typeof shot.path === 'string' ? shot.path : await shot.path(page);
        await page.goto(`${base}${target}`);
        const h1 = await page.locator('h1').first().boundingBox();
        const visible = !!h1 && h1.y < w.viewport.height;
        const file = path.join(OUT, `${shot.name}-${w.name}.png`);
        await page.screenshot({ path: file });
        process.stdout.write(`${path.relative(process.cwd(), file)}  ${target}  heading ${visible ? `at y=${Math.round(h1!.y)} px (first screen)` : 'NOT in the first screen'}\n`);
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await platform.close();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
