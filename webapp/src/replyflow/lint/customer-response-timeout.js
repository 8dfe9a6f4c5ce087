import { palette } from '../catalogue.js';

/** A Customer Response waits at most a duration: its receive task needs a No Response timer attached. */
export default function customerResponseTimeout() {
  function check(node, reporter) {
    if (node.$type !== 'bpmn:ReceiveTask') {
      return;
    }
    if (!node.messageRef || !node.messageRef.name) {
      reporter.report(node.id, `Waits for no message: a Customer Response waits for "${palette.replyMessage}"`);
      return;
    }
    if (node.messageRef.name !== palette.replyMessage) {
      return;
    }
    const timed = (node.$parent.flowElements || []).some(element => element.$type === 'bpmn:BoundaryEvent'
      && element.attachedToRef === node && element.cancelActivity !== false && hasTimer(element));
    if (!timed) {
      reporter.report(node.id, 'Customer Response without a No Response timer: attach an interrupting timer (e.g. PT24H)');
    }
  }
  return { check };
}

function hasTimer(event) {
  return (event.eventDefinitions || []).some(definition => definition.$type === 'bpmn:TimerEventDefinition'
    && [ 'timeDuration', 'timeDate', 'timeCycle' ].some(kind => definition[kind] && String(definition[kind].body || '').trim()));
}
