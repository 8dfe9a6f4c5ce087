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
    template.properties
      .filter(property => property.constraints && property.constraints.maxLength && property.binding.type === 'camunda:inputParameter')
      .map(property => [ property, values[property.binding.name] ])
      .filter(([ property, value ]) => value && !isExpression(value) && length(value) > property.constraints.maxLength)
      .forEach(([ property, value ]) => reporter.report(node.id, `${template.name.replace('Replyflow: ', '')}: `
        + `${property.label}: '${value}' has ${length(value)} characters, at most ${property.constraints.maxLength}`));
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

/** A value worked out when the step runs (${…}), so not checked here. */
export function isExpression(value) {
  return value.includes('${') || value.includes('#{');
}

/** Characters as a customer sees them: an emoji counts once (as the Java validator counts). */
export function length(value) {
  return [ ...value ].length;
}
