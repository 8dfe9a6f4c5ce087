// bpmnlint configuration of both modelers: some of bpmnlint's own rules and Replyflow's, resolved statically.
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver.js';
import startEventRequired from 'bpmnlint/rules/start-event-required.js';
import endEventRequired from 'bpmnlint/rules/end-event-required.js';
import noDisconnected from 'bpmnlint/rules/no-disconnected.js';
import conditionalFlows from 'bpmnlint/rules/conditional-flows.js';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows.js';
import customerResponseTimeout from './customer-response-timeout.js';
import stepParameters from './step-parameters.js';
import stepRules from './step-rules.js';
import stepItems from './step-items.js';
import customerMessagePhrase from './customer-message-phrase.js';

const BPMNLINT = { 'start-event-required': startEventRequired, 'end-event-required': endEventRequired,
  'no-disconnected': noDisconnected, 'conditional-flows': conditionalFlows,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows };
const REPLYFLOW = { 'customer-response-timeout': customerResponseTimeout, 'step-parameters': stepParameters,
  'step-rules': stepRules, 'step-items': stepItems, 'customer-message-phrase': customerMessagePhrase };

const rules = {};
const cache = {};
Object.entries(BPMNLINT).forEach(([ name, rule ]) => {
  rules[name] = name === 'no-disconnected' ? 'warn' : 'error';
  cache[`rule:bpmnlint/${name}`] = rule;
});
Object.entries(REPLYFLOW).forEach(([ name, rule ]) => {
  rules[`replyflow/${name}`] = 'error';
  cache[`rule:bpmnlint-plugin-replyflow/${name}`] = rule;
});

export const config = { rules };
export const resolver = new StaticResolver(cache);
export default { config, resolver };
