import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL, ADMIN_PASSWORD, api, eventually, screenshotPath } from './browser.mjs';

// The Campaigns page end to end: 1,000 contacts imported as a list, a template campaign created, previewed, launched,
// paused, resumed and watched to the end in the browser, then a list made from those who read it.
const suffix = Date.now().toString(36);
const CONTACTS = 1000;
let browser;

test.before(async () => {
  browser = await launch();
});

test.after(async () => {
  await browser?.close();
});

async function importCsv(listId, csv) {
  const response = await fetch(`${BASE_URL}/api/lists/${listId}/import`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64'), 'Content-Type': 'text/csv' },
    body: csv
  });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return JSON.parse(text);
}

const count = (page, name) => page.textContent(`#d-counts tr[data-count="${name}"] td:last-child`).then(Number);

test('a campaign to 1,000 contacts is previewed, launched, paused, resumed, followed to the end and made a list of', async () => {
  const list = await api('POST', '/api/lists', { name: `e2e customers ${suffix}` });
  const rows = Array.from({ length: CONTACTS }, (_, i) => `+3933370${String(i).padStart(5, '0')},Customer ${i}`);
  const imported = await importCsv(list.id, 'phone,name\n' + rows.join('\n') + '\n');
  assert.equal(imported.imported + imported.updated, CONTACTS);
  const template = `e2e_spring_${suffix}`;
  await api('POST', '/api/templates', { name: template, language: 'it', category: 'UTILITY', body: 'Ciao {{1}}, the spring sale starts today' });
  await api('POST', '/api/wallet/top-ups', { amount: 200 });

  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', error => console.error('page error:', error.message));
  await page.goto(`${BASE_URL}/modeler/campaigns.html`);
  await page.fill('#login-user', 'admin');
  await page.fill('#login-password', ADMIN_PASSWORD);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#app:not([hidden])');
  // the lists, templates and automations to pick from (a loaded machine may take a while)
  await page.waitForSelector('body[data-ready], #c-error:not(:empty)', { timeout: 120000 });
  assert.equal(await page.textContent('#c-error'), '', 'the form loaded its choices');

  await page.fill('#c-name', `Spring sale ${suffix}`);
  await page.selectOption('#c-list', list.name);
  await page.selectOption('#c-template', template);
  await page.fill('#c-language', 'it');
  await page.fill('#c-rate', '80');
  await page.click('#c-create');
  await page.waitForSelector('#d-preview:not([hidden])');
  assert.equal(await page.textContent('[data-preview="audience"]'), String(CONTACTS));
  assert.equal(await page.textContent('[data-preview="recipients"]'), String(CONTACTS));
  assert.equal(await page.textContent('[data-preview="estimated-cost"]'), '130.00 EUR'); // 1,000 × 0.13 (growth tier)
  assert.equal(await page.textContent('[data-preview="shortfall"]'), '0.00 EUR');

  await page.click('#d-launch');
  await page.waitForSelector('#d-status.RUNNING, #d-status.COMPLETED');
  const campaignId = (await api('GET', '/api/campaigns')).find(c => c.name === `Spring sale ${suffix}`).id;
  await eventually(async () => (await count(page, 'dispatched')) > 0, 'the first recipients dispatched', 60000);
  if (await page.isVisible('#d-pause')) {
    await page.click('#d-pause');
    await page.waitForSelector('#d-status.PAUSED, #d-status.COMPLETED');
    const paused = (await api('GET', `/api/campaigns/${campaignId}`)).counts.dispatched;
    await new Promise(resolve => setTimeout(resolve, 2500));
    const later = await api('GET', `/api/campaigns/${campaignId}`);
    assert.equal(later.counts.dispatched, paused, 'a paused campaign starts nobody new');
    if (later.status === 'PAUSED') {
      await page.click('#d-resume');
    }
  }
  await page.waitForSelector('#d-status.COMPLETED', { timeout: 180000 });
  await eventually(async () => (await count(page, 'read')) === CONTACTS, 'every message sent, delivered and read', 180000);
  assert.equal(await count(page, 'sent'), CONTACTS);
  assert.equal(await count(page, 'failed'), 0);
  assert.match(await page.textContent('#d-progress-label'), /1000 of 1000 dispatched \(100%\)/);

  await page.fill('#d-list-name', `e2e readers ${suffix}`);
  await page.selectOption('#d-segment', 'read');
  await page.click('#d-make-list');
  await page.waitForSelector('#d-list-result:not(:empty)');
  assert.match(await page.textContent('#d-list-result'), /with 1000 contact/);
  await page.screenshot({ path: screenshotPath('campaigns.png'), fullPage: true });
  await page.close();
});
