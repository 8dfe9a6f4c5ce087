const PREFIX = 'customer-message:';

/** A customer-message trigger's phrase is written as matched: lower case, single spaces, not empty. */
export default function customerMessagePhrase() {
  function check(node, reporter) {
    if (node.$type !== 'bpmn:StartEvent') {
      return;
    }
    (node.eventDefinitions || []).filter(definition => definition.$type === 'bpmn:MessageEventDefinition')
      .forEach(definition => {
        const name = definition.messageRef && definition.messageRef.name;
        if (!name) {
          reporter.report(node.id, 'Message trigger without a message name');
          return;
        }
        if (!name.startsWith(PREFIX)) {
          return;
        }
        const phrase = name.slice(PREFIX.length);
        const canonical = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
        if (!canonical) {
          reporter.report(node.id, 'Customer message trigger without a phrase');
        } else if (phrase !== canonical) {
          reporter.report(node.id, `Write the phrase as "${PREFIX}${canonical}" (lower case, single spaces)`);
        }
      });
  }
  return { check };
}
