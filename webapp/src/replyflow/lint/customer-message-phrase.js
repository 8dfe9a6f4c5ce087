import { palette } from '../catalogue.js';

const PREFIX = palette.rules.phrasePrefix;
const PHRASE = new RegExp(palette.rules.phrasePattern, 'u');

/** A customer-message trigger's phrase is written as matched (the catalogue's phrase rule, as the validator checks it). */
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
        if (!PHRASE.test(phrase)) {
          const canonical = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
          reporter.report(node.id, `Customer message trigger: ${palette.rules.phrase} ("${PREFIX}${canonical}")`);
        }
      });
  }
  return { check };
}
