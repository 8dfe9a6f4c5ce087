import { templateById } from '../catalogue.js';

/** A step's required parameters (the template's notEmpty constraints, from the step catalogue) must be filled. */
export default function stepParameters() {
  function check(node, reporter) {
    const template = templateById(node.get ? node.get('camunda:modelerTemplate') : undefined);
    if (!template) {
      return;
    }
    const values = inputParameters(node);
    template.properties
      .filter(property => property.constraints && property.constraints.notEmpty && property.binding.type === 'camunda:inputParameter')
      .filter(property => !values[property.binding.name])
      .forEach(property => reporter.report(node.id, `${template.name.replace('Replyflow: ', '')}: ${property.label} is required`));
  }
  return { check };
}

/** The step's input parameters by name, with their text (empty when unset). */
export function inputParameters(node) {
  const values = {};
  (node.extensionElements && node.extensionElements.values || [])
    .filter(extension => extension.$type === 'camunda:InputOutput')
    .flatMap(io => io.inputParameters || [])
    .forEach(parameter => values[parameter.name] = String(parameter.value || '').trim());
  return values;
}
