import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

const BUNDLE = new URL('../../modeler-plugins/replyflow/dist/client.js', import.meta.url);

test('the Camunda Modeler plugin registers the Replyflow modeling module and lint rules', () => {
  assert.ok(existsSync(BUNDLE), 'the plugin is built first (npm run build, or mvn process-resources)');
  const window = {};
  runInNewContext(readFileSync(BUNDLE, 'utf8'), { window, console });
  const types = Array.from(window.plugins, plugin => plugin.type); // arrays of this realm, to compare
  assert.deepEqual(types.sort(), [ 'bpmn.platform.modeler.additionalModules', 'lintRules.bpmn' ]);

  const module = window.plugins.find(plugin => plugin.type === 'bpmn.platform.modeler.additionalModules').plugin;
  assert.deepEqual([ ...module.__init__ ], [ 'replyflowCreateBehavior', 'replyflowPalette', 'replyflowAppend' ]);
  const lint = window.plugins.find(plugin => plugin.type === 'lintRules.bpmn').plugin;
  assert.equal(lint.config.rules['replyflow/customer-response-timeout'], 'error');
  assert.equal(typeof lint.resolver.resolveRule('bpmnlint-plugin-replyflow', 'step-parameters'), 'function');
});
