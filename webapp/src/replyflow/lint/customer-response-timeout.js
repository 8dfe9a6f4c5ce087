import { palette } from '../catalogue.js';

/**
 * A Customer Response waits at most a duration, in either form: a receive task for the reply message, or any activity
 * with a reply message boundary event, needs an interrupting No Response timer attached (the catalogue's rule).
 */
export default function customerResponseTimeout() {
  function check(node, reporter) {
    if (node.$type === 'bpmn:ReceiveTask') {
      if (!node.messageRef || !node.messageRef.name) {
        reporter.report(node.id, `Waits for no message: a Customer Response waits for "${palette.replyMessage}"`);
        return;
      }
      if (node.messageRef.name === palette.replyMessage) {
        requireTimer(node, 'Customer Response', reporter);
      }
      return;
    }
    const replyBoundary = (node.$parent && node.$parent.flowElements || []).some(element => element.$type === 'bpmn:BoundaryEvent'
      && element.attachedToRef === node && (element.eventDefinitions || []).some(definition =>
        definition.$type === 'bpmn:MessageEventDefinition' && definition.messageRef
          && definition.messageRef.name === palette.replyMessage));
    if (replyBoundary) {
      requireTimer(node, 'A customer-reply boundary event', reporter);
    }
  }
  return { check };
}

function requireTimer(node, what, reporter) {
  const timed = (node.$parent.flowElements || []).some(element => element.$type === 'bpmn:BoundaryEvent'
    && element.attachedToRef === node && element.cancelActivity !== false && hasTimer(element));
  if (!timed) {
    reporter.report(node.id, `${what} '${node.id}' ${palette.rules.customerResponseTimer}`);
  }
}

function hasTimer(event) {
  return (event.eventDefinitions || []).some(definition => definition.$type === 'bpmn:TimerEventDefinition'
    && [ 'timeDuration', 'timeDate', 'timeCycle' ].some(kind => definition[kind] && String(definition[kind].body || '').trim()));
}
