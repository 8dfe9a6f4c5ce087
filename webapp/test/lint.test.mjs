import test from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from 'bpmnlint';
import lintConfig from '../src/replyflow/lint/index.js';
import { read, step } from './bpmn.mjs';
import { palette } from '../src/replyflow/catalogue.js';

const REPLY = '<bpmn:message id="reply" name="customer-reply"/>';

async function lint(processBody, rootElements) {
  const reports = await new Linter(lintConfig).lint(await read(processBody, rootElements));
  return Object.entries(reports).flatMap(([ rule, list ]) => list.map(report => ({ rule, id: report.id, message: report.message })));
}

function replyflow(reports) {
  return reports.filter(report => report.rule.startsWith('replyflow/'));
}

test('a Customer Response without a No Response timer is reported on its element', async () => {
  const reports = replyflow(await lint('<bpmn:receiveTask id="wait" messageRef="reply"/>', REPLY));
  assert.deepEqual(reports.map(r => [ r.rule, r.id ]), [ [ 'replyflow/customer-response-timeout', 'wait' ] ]);
  assert.match(reports[0].message, /No Response timer/);
});

test('a Customer Response with its interrupting timer passes', async () => {
  const reports = replyflow(await lint(`<bpmn:receiveTask id="wait" messageRef="reply"/>
    <bpmn:boundaryEvent id="silence" attachedToRef="wait"><bpmn:timerEventDefinition>
      <bpmn:timeDuration>PT24H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`, REPLY));
  assert.deepEqual(reports, []);
});

test('a non-interrupting or empty timer is no No Response path', async () => {
  const reports = replyflow(await lint(`<bpmn:receiveTask id="wait" messageRef="reply"/>
    <bpmn:boundaryEvent id="reminder" attachedToRef="wait" cancelActivity="false"><bpmn:timerEventDefinition>
      <bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="empty" attachedToRef="wait"><bpmn:timerEventDefinition/></bpmn:boundaryEvent>`, REPLY));
  assert.deepEqual(reports.map(r => r.id), [ 'wait' ]);
});

test('Send Message needs a template or text', async () => {
  const reports = replyflow(await lint(step('send', 'dev.replyflow.step.send-message', { language: 'it' })
    + step('sendText', 'dev.replyflow.step.send-message', { text: 'Ciao!' })));
  assert.deepEqual(reports.map(r => [ r.rule, r.id ]), [ [ 'replyflow/step-rules', 'send' ] ]);
});

test("Send Message's rules come from the catalogue: exactly one content, media with its type, buttons with text", async () => {
  const reports = replyflow(await lint(
    step('both', 'dev.replyflow.step.send-message', { template: 'offer', text: 'Hi' })
    + step('media', 'dev.replyflow.step.send-message', { mediaLink: 'https://example.com/menu.pdf' })
    + step('buttons', 'dev.replyflow.step.send-message', { template: 'offer', buttons: 'yes=Yes' })
    + step('fine', 'dev.replyflow.step.send-message', { text: 'Shall we?', buttons: 'yes=Yes\nno=No' })));
  assert.deepEqual(reports.map(r => [ r.id, r.message ]), [
    [ 'both', 'Send Message: needs exactly one of a template, a text or a media link' ],
    [ 'media', 'Send Message: a media link needs its media type' ],
    [ 'buttons', 'Send Message: reply buttons go with a free text' ] ]);
});

test("Send Message's list menu: its rules and WhatsApp's limits come from the catalogue, as the validator's", async () => {
  const rows = Array.from({ length: 11 }, (_, i) => `r${i}=Row ${i}`).join('\n');
  const reports = replyflow(await lint(
    step('many', 'dev.replyflow.step.send-message', { text: 'Pick one', listButton: 'Choose', listRows: rows })
    + step('long', 'dev.replyflow.step.send-message', { text: 'Pick one', listButton: 'Choose your pickup shop',
      listRows: 'mi-0=Centre\n# Milan\nmi-1=Duomo, next to the cathedral | Open until 20:00\nmi-1=Navigli' })
    + step('template', 'dev.replyflow.step.send-message', { template: 'offer', listButton: 'Choose', listRows: 'a=A' })
    + step('both', 'dev.replyflow.step.send-message', { text: 'Hi', buttons: 'yes=Yes', listButton: 'Choose', listRows: 'a=A' })
    + step('label', 'dev.replyflow.step.send-message', { text: 'Hi', listRows: 'a=A' })
    + step('expression', 'dev.replyflow.step.send-message', { text: 'Hi', listButton: 'Choose', listRows: '${rows}' })
    + step('fine', 'dev.replyflow.step.send-message', { text: 'Pick one', listButton: 'Choose', listRows: '# Shops\na=A | first\nb=B' })));
  assert.deepEqual(reports.map(r => [ r.id, r.message ]).sort(), [
    [ 'both', 'Send Message: reply buttons or a list, not both' ],
    [ 'label', 'Send Message: a list needs the label of its button' ],
    [ 'long', "Send Message: List button: 'Choose your pickup shop' has 23 characters, at most 20" ],
    [ 'long', "Send Message: List rows: row 'mi-1': the title has 28 characters, at most 24" ],
    [ 'long', "Send Message: List rows: the id 'mi-1' is used twice" ],
    [ 'long', "Send Message: List rows: with several sections, every row belongs to one with a title (a line '# Title' above it)" ],
    [ 'many', 'Send Message: List rows: has 11 rows, WhatsApp allows at most 10' ],
    [ 'template', 'Send Message: a list goes with a free text' ] ]);
});

test('a customer-reply boundary event needs an interrupting timer on its activity too', async () => {
  const reports = replyflow(await lint(`
    <bpmn:userTask id="consider"/>
    <bpmn:boundaryEvent id="reply" attachedToRef="consider"><bpmn:messageEventDefinition messageRef="r"/></bpmn:boundaryEvent>`,
  '<bpmn:message id="r" name="customer-reply"/>'));
  assert.deepEqual(reports.map(r => r.id), [ 'consider' ]);
});

test('a required step parameter from the catalogue must be filled', async () => {
  const reports = replyflow(await lint(step('tag', 'dev.replyflow.step.add-tag', { tag: ' ' })
    + step('tagged', 'dev.replyflow.step.add-tag', { tag: 'vip' })));
  assert.deepEqual(reports.map(r => [ r.id, r.message ]), [ [ 'tag', 'Add Tag: Tag is required' ] ]);
});

test('a customer-message phrase is written the way messages are matched', async () => {
  const reports = replyflow(await lint(`
    <bpmn:startEvent id="loud"><bpmn:messageEventDefinition messageRef="m1"/></bpmn:startEvent>
    <bpmn:startEvent id="quiet"><bpmn:messageEventDefinition messageRef="m2"/></bpmn:startEvent>`,
  '<bpmn:message id="m1" name="customer-message:Hello  World"/><bpmn:message id="m2" name="customer-message:hello world"/>'));
  assert.deepEqual(reports.map(r => [ r.id, r.message ]),
    [ [ 'loud', `Customer message trigger: ${palette.rules.phrase} ("customer-message:hello world")` ] ]);
});

test("bpmnlint's own rules run too: an automation needs a start and an end", async () => {
  const rules = (await lint('<bpmn:task id="lonely"/>')).map(r => r.rule);
  assert.ok(rules.includes('start-event-required'));
  assert.ok(rules.includes('end-event-required'));
});
