import test from 'node:test';
import assert from 'node:assert/strict';
import { deploymentProblems } from '../src/deployment.js';

test('each misconfigured step of a refused deployment is shown on its own element', () => {
  const answer = { type: 'ParseException', message: 'ENGINE-09005 Could not parse BPMN process.',
    details: { 'a.bpmn': { errors: [ { mainElementId: 'send', message: 'The automation has misconfigured steps: '
      + "[Send Message 'send' needs either a template or a text (exactly one)] "
      + "[Customer Response 'wait-2' has no No Response timer]" } ], warnings: [] } } };
  assert.deepEqual(deploymentProblems(answer, [ 'send', 'wait', 'wait-2' ]), [
    { elementId: 'send', message: "Send Message 'send' needs either a template or a text (exactly one)" },
    { elementId: 'wait-2', message: "Customer Response 'wait-2' has no No Response timer" }
  ]);
});

test("an engine error without Replyflow's brackets keeps Camunda's element", () => {
  const answer = { details: { 'a.bpmn': { errors: [ { mainElementId: 'gw', message: 'Exclusive Gateway has no outgoing flow' } ] } } };
  assert.deepEqual(deploymentProblems(answer, [ 'gw' ]), [ { elementId: 'gw', message: 'Exclusive Gateway has no outgoing flow' } ]);
});

test('a refusal without details keeps its message, on no element', () => {
  assert.deepEqual(deploymentProblems({ message: 'historyTimeToLive is mandatory' }, [ 'x' ]),
    [ { elementId: null, message: 'historyTimeToLive is mandatory' } ]);
});
