import { inputParameters } from './step-parameters.js';

/** Send Message sends an approved template or free text: one of the two must be given. */
export default function sendMessageContent() {
  function check(node, reporter) {
    if (!node.get || node.get('camunda:modelerTemplate') !== 'dev.replyflow.step.send-message') {
      return;
    }
    const values = inputParameters(node);
    if (!values.template && !values.text) {
      reporter.report(node.id, 'Send Message without a template or text: choose an approved template, or write free text');
    }
  }
  return { check };
}
