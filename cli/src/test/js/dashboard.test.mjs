// The dashboard in headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against a live
// `seal serve --approval` with one update already pending (SEAL_URL, SEAL_TOKEN; run by ServeClientsTest).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const url = process.env.SEAL_URL;
const token = process.env.SEAL_TOKEN;
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => { await browser?.close(); });

async function post(path, body) {
  const r = await fetch(url + path, {
    method: 'POST', headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return r.json();
}

test('without the token the page asks for it, and a wrong one is refused', async () => {
  const page = await browser.newPage();
  await page.goto(url + '/dashboard/');
  await page.locator('#login').waitFor({ state: 'visible' });
  await page.fill('#token', 'wrong');
  await page.click('#use-token');
  await page.waitForFunction(() => document.getElementById('login-error').textContent.includes('refused'));
  await page.close();
});

test('approve a pending update, reject another, roll back, and read the ledger', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(url + '/dashboard/#token=' + token);
  await page.waitForFunction(() => document.getElementById('model').textContent.endsWith('@v0'));
  const row = page.locator('#pending tbody tr');
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  assert.match(await row.first().locator('td.gates').innerText(), /retention/);

  await page.fill('#by', 'playwright');
  await row.first().locator('input.reason').fill('looks right');
  await row.first().locator('button.approve').click();
  await page.waitForFunction(() => document.getElementById('model').textContent.endsWith('@v1'), null, { timeout: 60000 });
  await page.locator('#pending-empty').waitFor({ state: 'visible' });

  await post('/v1/documents', { title: 'Ora Pike', text: 'Ora Pike was born in Quell.',
    questions: [{ question: 'Where was Ora Pike born?', answer: 'Quell' }] });
  await page.locator('#pending tbody tr').first().waitFor({ timeout: 60000 });
  await page.locator('#pending tbody tr').first().locator('input.reason').fill('not now');
  await page.locator('#pending tbody tr').first().locator('button.reject').click();
  await page.locator('#pending-empty').waitFor({ state: 'visible', timeout: 30000 });

  await page.waitForFunction(() => [...document.querySelectorAll('#ledger tbody tr td:nth-child(3)')]
    .map(td => td.textContent).includes('update-rejected'));
  const events = await page.locator('#ledger tbody tr td:nth-child(3)').allInnerTexts();
  for (const e of ['input-received', 'self-edits-generated', 'gates-decided', 'update-approved', 'version-changed', 'update-rejected']) {
    assert.ok(events.includes(e), e + ' in ' + events);
  }
  assert.match(await page.locator('#verify').innerText(), /ledger verified/);
  assert.ok(await page.locator('#curves path.curve-probe').count() >= 1, 'the probe curve is drawn');
  assert.ok(await page.locator('#curves path.curve-retention').count() >= 1, 'the retention curve is drawn');

  await page.locator('#versions tbody tr[data-version="0"] button.rollback').click();
  await page.waitForFunction(() => document.getElementById('model').textContent.endsWith('@v0'), null, { timeout: 60000 });
  if (process.env.SEAL_SCREENSHOT) await page.screenshot({ path: process.env.SEAL_SCREENSHOT, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
