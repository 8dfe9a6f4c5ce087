import test from 'node:test';
import assert from 'node:assert/strict';
import { palette, templates, templateById, appendableSteps } from '../src/replyflow/catalogue.js';

test('every service-task step of the palette has its element template', () => {
  const templated = palette.steps.filter(step => step.kind === 'template');
  assert.equal(templated.length, templates.length);
  templated.forEach(step => assert.ok(templateById(step.templateId), step.id));
});

test('the palette names the steps as the reference product does', () => {
  const names = palette.steps.map(step => step.name);
  [ 'Send Message', 'Customer Response', 'Delay', 'If / Else', 'Go to Step', 'Add Tag', 'Open Ticket', 'AI Operator' ]
    .forEach(name => assert.ok(names.includes(name), name));
  assert.ok(!appendableSteps().some(step => step.kind === 'go-to-step'));
});

test('every trigger starts with a none, message or signal start event, named unless none', () => {
  palette.triggers.forEach(trigger => {
    assert.ok([ 'none', 'message', 'signal' ].includes(trigger.event), trigger.id);
    assert.equal(trigger.event === 'none', trigger.defaultName === undefined, trigger.id);
  });
});
