// The web map in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core).
//
//   node tests/browser.mjs check URL SHOTS_DIR   the fixture store: markers, timeline, filters,
//                                                 an event with its evidence, hostile markup as text
//   node tests/browser.mjs perf URL SHOTS_DIR [RUNS]   first render (ms) of whatever the store holds
//
// Exits non-zero on the first failed check. Prints one JSON line of figures at the end.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [mode, base, shots, runsArg] = process.argv.slice(2);
if (!['check', 'perf'].includes(mode) || !base || !shots) {
  console.error('usage: browser.mjs check|perf URL SHOTS_DIR [RUNS]');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

async function browserPage() {
  const profile = mkdtempSync(join(tmpdir(), 'marsad-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = { dialogs: [], errors: [], console: [] };
  page.on('dialog', (d) => {
    problems.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => problems.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(m.text());
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { page, problems, close };
}

function check(ok, what) {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`ok - ${what}`);
}

const rows = (page) => page.locator('#list .event-row').count();

async function waitRows(page, n, what) {
  await page.waitForFunction((n) => document.querySelectorAll('#list .event-row').length === n, n, { timeout: 10000 })
    .catch(() => {});
  check((await rows(page)) === n, `${what}: ${n} events listed (got ${await rows(page)})`);
}

async function runCheck() {
  const { page, problems, close } = await browserPage();
  try {
    await page.goto(base, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    const markers = await page.locator('#map .ev-marker, #map .ev-cluster').count();
    check(markers > 0, `markers on the map (${markers})`);
    const bars = await page.locator('#timeline rect.bar').count();
    check(bars > 0, `timeline bars (${bars})`);
    await waitRows(page, 5, 'first load');
    const font = await page.evaluate(() => document.fonts.check('16px "Noto Naskh Arabic"', 'مرصد'));
    check(font, 'the Arabic font from the package is loaded');
    check((await page.locator('html').getAttribute('dir')) === 'rtl', 'the page is right-to-left');
    await page.waitForSelector('body[data-detailed="true"]', { timeout: 15000 });
    check(true, 'the detailed country outlines replace the coarse ones');
    await page.screenshot({ path: join(shots, '1-overview.png') });

    // filter by type
    await page.selectOption('#type-filter', 'Protests');
    await waitRows(page, 1, 'type Protests');
    check((await page.locator('#list .event-row').first().textContent()).includes('احتجاجات'), 'the row is a protest');
    const protestMarkers = await page.locator('#map .ev-marker.t3').count();
    check(protestMarkers === 1 && (await page.locator('#map .ev-marker:not(.t3), #map .ev-cluster').count()) === 0, 'one protest marker, nothing else');
    await page.screenshot({ path: join(shots, '2-type-protests.png') });

    // open an event: the strike reported by two outlets
    await page.click('#clear');
    await waitRows(page, 5, 'after clearing');
    await page.locator('#list .event-row.t1').first().click();
    await page.waitForSelector('#detail mark.evidence', { timeout: 10000 });
    const evidence = (await page.locator('#detail .article-text mark.evidence').allTextContents()).join('');
    check(evidence.includes('قصفت بلدة سرمين'), 'the evidence sentence is highlighted');
    const trigger = await page.locator('#detail .article-text mark.trigger').allTextContents();
    check(trigger.join('') === 'قصفت', `the trigger is highlighted (${trigger})`);
    check((await page.locator('#detail .article-text mark.ent-place').count()) >= 2, 'places are highlighted');
    check((await page.locator('#detail .sources button').count()) === 2, 'both sources are offered');
    await page.screenshot({ path: join(shots, '3-event-evidence.png') });
    await page.locator('#detail .sources button').nth(1).click();
    await page.waitForFunction(() => document.querySelector('#detail .article-text mark.trigger')?.textContent === 'غارة جوية', null, { timeout: 10000 });
    check(true, 'the second source shows its own evidence');

    // the hostile fixture: markup in title, text, actor and source is text
    await page.selectOption('#type-filter', 'Violence against civilians');
    await waitRows(page, 1, 'type Violence against civilians');
    const row = page.locator('#list .event-row').first();
    check((await row.textContent()).includes('<b onmouseover'), 'the actor name with markup is listed as text');
    await row.click();
    await page.waitForFunction(() => document.querySelector('#detail .article-text')?.textContent.includes('<script>'), null, { timeout: 10000 });
    const text = await page.locator('#detail .article').textContent();
    check(text.includes('<script>window.__xss = 1</script>'), 'the <script> is shown as text');
    check(text.includes('<img src=x onerror="window.__xss = 1">'), 'the <img onerror> is shown as text');
    check((await page.locator('#detail img, #list img, #detail script, #detail b, #list b, #detail i:not(.swatch)').count()) === 0, 'no element was made from the data');
    await page.waitForTimeout(300);
    check((await page.evaluate(() => window.__xss)) === undefined, 'nothing set window.__xss');
    check(problems.dialogs.length === 0, 'no dialog opened');
    await page.screenshot({ path: join(shots, '4-hostile-as-text.png') });

    // brush the timeline: the first half of the days
    await page.click('#clear');
    await waitRows(page, 5, 'after clearing again');
    const box = await page.locator('#timeline .overlay').boundingBox();
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(200);
    const brushed = await rows(page);
    check(brushed > 0 && brushed < 5, `brushing the timeline narrows the list (${brushed} of 5)`);
    const dates = await page.locator('#list .event-row .date').allTextContents();
    check(dates.every((d) => d <= '2024-03-15'), `only early days are listed (${dates})`);
    await page.screenshot({ path: join(shots, '5-brushed.png') });

    // text query
    await page.click('#clear');
    await waitRows(page, 5, 'after clearing a third time');
    await page.fill('#text-filter', 'سرمين');
    await page.click('#apply');
    await waitRows(page, 1, 'text query سرمين');

    check(problems.errors.length === 0, `no page errors (${problems.errors})`);
    check(problems.console.length === 0, `no console errors, CSP violations included (${problems.console})`);
    console.log(JSON.stringify({ mode, markers, bars, screenshots: shots }));
  } finally {
    await close();
  }
}

async function runPerf() {
  const runs = Number(runsArg ?? 3);
  const times = [];
  let events = 0;
  for (let i = 0; i < runs; i++) {
    const { page, problems, close } = await browserPage();
    try {
      await page.goto(base, { waitUntil: 'load' });
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
      const m = await page.evaluate(() => ({ ...window.__marsad, loaded: window.__marsadLoaded }));
      console.log(`run ${i + 1}: events fetched at ${m.loaded?.toFixed(0)} ms, base map at ${m.marks?.base?.toFixed(0)} ms, events drawn at ${m.marks?.events?.toFixed(0)} ms`);
      times.push(m.firstRender);
      events = m.events;
      check((await page.locator('#map .ev-cluster').count()) > 0, `run ${i + 1}: clusters drawn for ${m.events} events in ${m.firstRender.toFixed(0)} ms`);
      check(problems.errors.length === 0, `run ${i + 1}: no page errors (${problems.errors})`);
      check((await page.locator('#list .event-row').count()) > 0, `run ${i + 1}: the list is drawn`);
      if (i === 0) {
        await page.screenshot({ path: join(shots, 'perf-first-render.png') });
        await page.waitForSelector('body[data-detailed="true"]', { timeout: 30000 });
        await page.screenshot({ path: join(shots, 'perf-overview.png') });
      }
    } finally {
      await close();
    }
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ mode, events, first_render_ms: times.map((t) => Math.round(t)), median_ms: Math.round(times[Math.floor(times.length / 2)]) }));
}

(mode === 'check' ? runCheck() : runPerf()).catch((e) => {
  console.error(e.message ?? e);
  process.exit(1);
});
