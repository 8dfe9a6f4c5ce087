// End to end: Cockpit's "Replyflow" tab on a process instance, in Chromium against a running Replyflow (BrowserTest
// runs it in mvn verify; by hand: REPLYFLOW_BASE_URL=… REPLYFLOW_ADMIN_PASSWORD=… node --test e2e/cockpit-tab.test.mjs).
// The data is prepared over REST as the admin; the browser then has nothing but the Cockpit login.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL, ADMIN_PASSWORD, api, screenshotPath } from './browser.mjs';

const PROCESS_KEY = 'cockpit-tab-e2e';

// an automation waiting at a Customer Response step (receive task for customer-reply, with its No Response timer)
const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
    id="cockpit-tab-e2e-definitions" targetNamespace="https://replyflow.dev/e2e">
  <bpmn:message id="reply" name="customer-reply"/>
  <bpmn:process id="${PROCESS_KEY}" name="Cockpit tab e2e" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-wait" sourceRef="start" targetRef="wait"/>
    <bpmn:receiveTask id="wait" name="Customer Response" messageRef="reply"/>
    <bpmn:boundaryEvent id="no-response" attachedToRef="wait">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT24H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="to-replied" sourceRef="wait" targetRef="replied"/>
    <bpmn:endEvent id="replied"/>
    <bpmn:sequenceFlow id="to-silent" sourceRef="no-response" targetRef="silent"/>
    <bpmn:endEvent id="silent"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${PROCESS_KEY}">
      <bpmndi:BPMNShape id="start-di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="wait-di" bpmnElement="wait"><dc:Bounds x="190" y="78" width="100" height="80"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="no-response-di" bpmnElement="no-response"><dc:Bounds x="222" y="140" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="replied-di" bpmnElement="replied"><dc:Bounds x="350" y="100" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="silent-di" bpmnElement="silent"><dc:Bounds x="350" y="210" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="to-wait-di" bpmnElement="to-wait"><di:waypoint x="136" y="118"/><di:waypoint x="190" y="118"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="to-replied-di" bpmnElement="to-replied"><di:waypoint x="290" y="118"/><di:waypoint x="350" y="118"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="to-silent-di" bpmnElement="to-silent"><di:waypoint x="240" y="176"/><di:waypoint x="240" y="228"/><di:waypoint x="350" y="228"/></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

async function deploy() {
  const form = new FormData();
  form.append('deployment-name', PROCESS_KEY);
  form.append('deploy-changed-only', 'true');
  form.append('data', new Blob([ BPMN ], { type: 'application/octet-stream' }), `${PROCESS_KEY}.bpmn`);
  const response = await fetch(`${BASE_URL}/engine-rest/deployment/create`, { method: 'POST', body: form,
    headers: { Authorization: 'Basic ' + Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64') } });
  assert.equal(response.status, 200, `deployment: ${await response.text()}`);
}

/** A contact who wrote to us and got an answer (a charged conversation), waiting in an automation. */
async function contactInAnAutomation() {
  const phone = `+393209${String(Date.now()).slice(-6)}`;
  const contact = await api('POST', '/api/contacts',
    { phone, name: 'Giulia Cockpit', marketingConsent: true, marketingConsentSource: 'e2e form' });
  await api('POST', `/api/contacts/${contact.id}/tags`, { tag: 'e2e' });
  // the customer writes first (opening the 24h window); then the automation starts and waits for the next reply
  const inbound = 'Ciao, a che ora aprite sabato?';
  await api('POST', '/api/sandbox/inbound', { from: phone, text: inbound });
  const { processInstanceId } = await api('POST', `/api/automations/${PROCESS_KEY}/start`, { phone });
  await api('POST', '/api/wallet/top-ups', { amount: 5 });
  const outbound = 'Sabato apriamo alle 9, a presto!';
  await api('POST', `/api/contacts/${contact.id}/messages`, { text: outbound });
  return { phone, processInstanceId, inbound, outbound };
}

let browser;
let page;
const pageErrors = [];

test.before(async () => {
  await deploy();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', error => pageErrors.push(error.message));
});

test.after(async () => {
  await browser?.close();
});

/** Opens the instance in Cockpit (signing in the first time) and returns the Replyflow tab's content. */
async function openReplyflowTab(processInstanceId) {
  await page.goto(`${BASE_URL}/camunda/app/cockpit/default/#/process-instance/${processInstanceId}/runtime`);
  const login = page.locator('form[name="signinForm"]');
  const tab = page.locator('.ctn-tabbed .nav-tabs a', { hasText: /^\s*Replyflow\s*$/ });
  await login.or(tab).first().waitFor({ timeout: 30000 });
  if (await login.isVisible()) {
    await login.locator('input[type="text"]').fill('admin');
    await login.locator('input[type="password"]').fill(ADMIN_PASSWORD);
    await login.locator('button[type="submit"]').click();
  }
  await tab.click({ timeout: 30000 });
  return page.locator('.replyflow-tab');
}

test('Cockpit\'s Replyflow tab shows the contact, its messages newest first and the conversations charged', async () => {
  const { phone, processInstanceId, inbound, outbound } = await contactInAnAutomation();
  try {
    const content = await openReplyflowTab(processInstanceId);
    await content.getByText(phone, { exact: true }).waitFor({ timeout: 15000 });

    assert.ok(await content.getByText(inbound).isVisible(), 'the customer message is listed');
    assert.ok(await content.getByText(outbound).isVisible(), 'our answer is listed');
    assert.ok(await content.getByText('Giulia Cockpit').isVisible(), 'the name is shown');
    assert.ok(await content.getByText('e2e form').isVisible(), 'how consent was given is shown');
    assert.match(await content.innerText(), /SERVICE/, 'the charged service conversation is listed');
    const rows = await content.locator('table').first().locator('tbody tr').allInnerTexts();
    assert.ok(rows.findIndex(row => row.includes(outbound)) < rows.findIndex(row => row.includes(inbound)),
      `messages newest first: ${rows.join(' | ')}`);
    assert.deepEqual(pageErrors, [], 'no script error on the page');
    // for the screenshot: the tabs take the diagram's room, once Cockpit's layout has followed
    await page.locator('a.hide-collapsable.vertical-collapse').click();
    await page.waitForFunction(() => document.querySelector('.replyflow-tab section:last-child')
      .getBoundingClientRect().bottom <= window.innerHeight, null, { timeout: 5000 });
  } finally {
    // taken on failure too: it shows what the browser saw
    await page.screenshot({ path: screenshotPath('cockpit-tab.png'), fullPage: true });
  }
});

test('Cockpit\'s Replyflow tab says so plainly for an instance without a contact', async () => {
  const started = await api('POST', `/engine-rest/process-definition/key/${PROCESS_KEY}/start`, {});
  const content = await openReplyflowTab(started.id);
  await content.getByText('has no Replyflow contact').waitFor({ timeout: 15000 });
  await api('DELETE', `/engine-rest/process-instance/${started.id}`);
});
