import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL, ADMIN_PASSWORD, api, eventually, screenshotPath } from './browser.mjs';

const suffix = Date.now().toString(36);
let browser;

test.before(async () => {
  browser = await launch();
});

test.after(async () => {
  await browser?.close();
});

async function signIn(user = 'admin', password = ADMIN_PASSWORD) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  page.on('pageerror', error => console.error('page error:', error.message));
  await page.goto(`${BASE_URL}/modeler/`);
  await page.fill('#login-user', user);
  await page.fill('#login-password', password);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#app:not([hidden]), #login-error:not(:empty)');
  assert.equal(await page.textContent('#login-error'), '', 'signed in');
  // the app shows before its first diagram is in: a message said before that would be replaced by its greeting
  await page.waitForFunction(() => document.querySelector('#messages').textContent.startsWith('A new automation'));
  return page;
}

/** Picks a palette entry by its reference name and drops it on the canvas at x, y. */
async function fromPalette(page, id, x, y) {
  await page.click(`.djs-palette [data-replyflow="${id}"]`);
  await page.mouse.move(x - 20, y - 20);
  await page.mouse.move(x, y, { steps: 5 });
  await page.mouse.down();
  await page.mouse.up();
}

/** "Add Step" on the selected element, then the step by its name. */
async function addStep(page, stepId) {
  await page.click('.djs-context-pad [data-action="replyflow.add-step"]');
  await page.click(`.djs-popup .entry[data-id="replyflow-add.${stepId}"]`);
}

async function elementIds(page, type) {
  return page.evaluate(t => window.replyflowModeler.modeler.get('elementRegistry').filter(e => e.type === t).map(e => e.id), type);
}

async function name(page, automationName, key) {
  await page.fill('#automation-name', automationName);
  await page.press('#automation-name', 'Tab');
  await page.fill('#automation-key', key);
  await page.press('#automation-key', 'Tab');
}

test('an automation modeled from the palette is deployed, runs, and shows its contacts per step', async () => {
  const page = await signIn();
  assert.deepEqual(await page.evaluate(() => window.replyflowModeler.templateProblems), [], 'element templates load cleanly');
  const key = `e2e-welcome-${suffix}`;
  await name(page, 'E2E welcome', key);

  await fromPalette(page, 'integration', 520, 200);
  await addStep(page, 'send-message');
  await page.getByLabel('Template name', { exact: true }).fill(`e2e_welcome_${suffix}`);
  // the properties panel applies what was typed after a short pause
  await page.waitForFunction(value => window.replyflowModeler.modeler.get('elementRegistry')
    .filter(e => e.type === 'bpmn:ServiceTask')[0].businessObject.extensionElements.values[0].inputParameters
    .some(p => p.name === 'template' && p.value === value), `e2e_welcome_${suffix}`);
  const [ send ] = await elementIds(page, 'bpmn:ServiceTask');
  await addStep(page, 'customer-response');
  await page.click('.djs-context-pad [data-action="append.end-event"]');

  const [ wait ] = await elementIds(page, 'bpmn:ReceiveTask');
  assert.equal((await elementIds(page, 'bpmn:BoundaryEvent')).length, 1, 'Customer Response comes with its No Response timer');
  const xml = await page.evaluate(async () => (await window.replyflowModeler.modeler.saveXML()).xml);
  assert.match(xml, /camunda:modelerTemplate="dev\.replyflow\.step\.send-message"/);
  assert.match(xml, /camunda:delegateExpression="\$\{sendMessage\}"/);
  assert.match(xml, new RegExp(`<camunda:inputParameter name="template">e2e_welcome_${suffix}</camunda:inputParameter>`));
  assert.match(xml, /<bpmn:message id="[^"]+" name="customer-reply" \/>/);
  assert.match(xml, /<bpmn:timeDuration[^>]*>PT24H<\/bpmn:timeDuration>/);

  await page.click('#deploy');
  await page.waitForSelector('#messages .success');
  assert.match(await page.textContent('#messages'), /Deployed E2E welcome: v1 \(latest\)/);

  // two contacts go through it: one replies, the other is still waiting
  await api('POST', '/api/templates', { name: `e2e_welcome_${suffix}`, language: 'en', category: 'UTILITY',
    body: 'Welcome! Reply to this message.', status: 'APPROVED' });
  await api('POST', '/api/wallet/top-ups', { amount: 10 });
  const phones = [ 1, 2 ].map(i => `+3933${String(Date.now()).slice(-7)}${i}`);
  for (const phone of phones) {
    await api('POST', `/api/automations/${key}/start`, { phone });
  }
  const statistics = () => api('GET', `/api/automations/${key}/statistics`);
  const at = (list, id) => list.find(element => element.elementId === id) || {};
  await eventually(async () => at(await statistics(), wait).active === 2, 'both contacts waiting for a reply');
  await api('POST', '/api/sandbox/inbound', { from: phones[0], text: 'Thanks!' });
  await eventually(async () => at(await statistics(), wait).replied === 1, 'the reply');

  await page.click('#statistics');
  const sendOverlay = page.locator(`.rf-stats[data-element="${send}"]`);
  const waitOverlay = page.locator(`.rf-stats[data-element="${wait}"]`);
  await sendOverlay.waitFor();
  assert.match(await sendOverlay.textContent(), /2 passed/);
  assert.match(await waitOverlay.textContent(), /1 waiting/);
  assert.match(await waitOverlay.textContent(), /1 passed/);
  assert.match(await waitOverlay.textContent(), /100% replied · 0% no response/);
  await page.screenshot({ path: screenshotPath('modeler-statistics.png') });

  // a changed automation deploys as version 2; version 1 stays open-able
  await name(page, 'E2E welcome, second take', key);
  await page.click('#deploy');
  await page.waitForFunction(() => /v2 \(latest\)/.test(document.querySelector('#messages').textContent));
  await page.selectOption('#version', { label: 'v1' });
  await page.waitForFunction(() => document.querySelector('#automation-name').value === 'E2E welcome');
  assert.match(await page.textContent('#messages'), /version 1/);
  await page.close();
});

test('an automation from the gallery is deployed, and the contacts waiting at a step become a list', async () => {
  const page = await signIn();
  const key = `e2e-gallery-${suffix}`;
  await page.selectOption('#gallery', 'welcome-reply');
  await page.waitForSelector('#gallery-dialog:not([hidden])');
  assert.match(await page.textContent('#gallery-trigger'), /integration/);
  await page.fill('#gallery-key', key);
  await page.fill('#gallery-automation-name', 'E2E from the gallery');
  await page.click('#gallery-deploy');
  await page.waitForSelector('#messages .success');
  assert.match(await page.textContent('#messages'), new RegExp(`"E2E from the gallery" deployed from the gallery as ${key}`));
  assert.equal(await page.inputValue('#automation-key'), key);
  assert.deepEqual(await elementIds(page, 'bpmn:ReceiveTask'), [ 'wait-reply' ]);
  const deployed = await api('GET', `/engine-rest/process-definition?key=${key}`);
  assert.equal(deployed.length, 1);

  const phone = `+3934${String(Date.now()).slice(-7)}7`;
  await api('POST', `/api/automations/${key}/start`, { phone });
  await page.click('#statistics');
  const makeList = page.locator('.rf-make-list[data-element="wait-reply"]');
  await makeList.waitFor();
  await makeList.dispatchEvent('click');
  await page.waitForFunction(() => /List ".*" created with 1 contact\./.test(document.querySelector('#messages').textContent));
  await page.close();
});

test('a refused deployment shows the validation message on the offending element', async () => {
  const page = await signIn();
  await name(page, 'E2E broken', `e2e-broken-${suffix}`);
  await fromPalette(page, 'integration', 520, 200);
  await addStep(page, 'customer-response');
  const [ wait ] = await elementIds(page, 'bpmn:ReceiveTask');
  const [ timer ] = await elementIds(page, 'bpmn:BoundaryEvent');

  await page.click(`.djs-element[data-element-id="${timer}"]`, { force: true });
  await page.click('.djs-context-pad [data-action="delete"]');
  assert.deepEqual(await elementIds(page, 'bpmn:BoundaryEvent'), []);
  // the linter flags it while modeling
  await page.locator(`.djs-overlay-linting`).first().waitFor();
  const lint = await page.evaluate(() => JSON.stringify(window.replyflowModeler.modeler.get('linting')._issues || {}));
  assert.match(lint, /No Response timer/);

  await page.click('#deploy');
  const problem = page.locator(`.rf-problem[data-element="${wait}"]`);
  await problem.waitFor();
  assert.match(await problem.textContent(), /has no No Response timer/);
  assert.match(await page.textContent('#messages'), /The deployment was refused/);
  await page.screenshot({ path: screenshotPath('modeler-refused.png') });
  const deployed = await api('GET', `/engine-rest/process-definition?key=e2e-broken-${suffix}`);
  assert.deepEqual(deployed, [], 'nothing was deployed');

  // the work is not lost: saved as a file, and opened again from it
  const [ download ] = await Promise.all([ page.waitForEvent('download'), page.click('#save') ]);
  assert.equal(download.suggestedFilename(), `e2e-broken-${suffix}.bpmn`);
  const saved = await download.path();
  await page.click('#new');
  assert.deepEqual(await elementIds(page, 'bpmn:ReceiveTask'), []);
  await page.setInputFiles('#open-file', saved);
  await page.waitForFunction(key => document.querySelector('#automation-key').value === key, `e2e-broken-${suffix}`);
  assert.deepEqual(await elementIds(page, 'bpmn:ReceiveTask'), [ wait ]);
  assert.equal(await page.inputValue('#automation-name'), 'E2E broken');
  await page.close();
});

test('triggers from the palette create the start events their names say', async () => {
  const page = await signIn();
  await fromPalette(page, 'customer-message', 520, 200);
  await fromPalette(page, 'list', 520, 320);
  await fromPalette(page, 'delay', 700, 200);
  const xml = await page.evaluate(async () => (await window.replyflowModeler.modeler.saveXML()).xml);
  const message = xml.match(/<bpmn:message id="([^"]+)" name="customer-message:hello" \/>/);
  const signal = xml.match(/<bpmn:signal id="([^"]+)" name="list-added:newsletter" \/>/);
  assert.ok(message, xml);
  assert.ok(signal, xml);
  assert.match(xml, new RegExp(`<bpmn:messageEventDefinition id="[^"]+" messageRef="${message[1]}" />`));
  assert.match(xml, new RegExp(`<bpmn:signalEventDefinition id="[^"]+" signalRef="${signal[1]}" />`));
  assert.match(xml, /<bpmn:intermediateCatchEvent id="[^"]+" name="Delay">[\s\S]*<bpmn:timeDuration[^>]*>PT1H</);

  // unsaved work is not dropped without asking
  let asked;
  page.once('dialog', dialog => { asked = dialog.message(); dialog.dismiss(); });
  await page.click('#new');
  assert.match(asked, /not saved or deployed/);
  assert.equal((await elementIds(page, 'bpmn:StartEvent')).length, 2, 'kept');
  page.once('dialog', dialog => dialog.accept());
  await page.click('#new');
  await page.waitForFunction(() => window.replyflowModeler.modeler.get('elementRegistry').filter(e => e.type === 'bpmn:StartEvent').length === 0);
  await page.close();
});

test('an operator models and watches, but only admins deploy', async () => {
  const operator = `olga${suffix}`; // Camunda user ids: letters and digits
  await api('POST', '/engine-rest/user/create', { profile: { id: operator, firstName: 'Olga', lastName: 'Operator' },
    credentials: { password: 'olga-secret-1' } });
  await api('PUT', `/engine-rest/group/operators/members/${operator}`);
  const page = await signIn(operator, 'olga-secret-1');
  assert.equal(await page.textContent('#user'), operator);
  await fromPalette(page, 'integration', 520, 200);
  await page.click('#deploy');
  await page.waitForSelector('#messages .error');
  assert.match(await page.textContent('#messages'), /Not allowed: .*only admins deploy/);
  await page.close();

  const wrong = await browser.newPage();
  await wrong.goto(`${BASE_URL}/modeler/`);
  await wrong.fill('#login-user', operator);
  await wrong.fill('#login-password', 'not-her-password');
  await wrong.click('#login button[type=submit]');
  await wrong.waitForSelector('#login-error:not(:empty)');
  assert.equal(await wrong.textContent('#login-error'), 'Wrong user or password');
  await wrong.close();
});
