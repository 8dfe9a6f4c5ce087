import { palette } from '../catalogue.js';
import { inputParameters } from './step-parameters.js';

/**
 * A step's rules across its parameters (exactly one of …, … needs …), declared in the Java step catalogue and
 * generated into the palette: the same rules the deploy-time validator enforces, with the same messages.
 */
export default function stepRules() {
  function check(node, reporter) {
    const templateId = node.get ? node.get('camunda:modelerTemplate') : undefined;
    const step = templateId && palette.steps.find(candidate => candidate.templateId === templateId);
    if (!step || !step.rules) {
      return;
    }
    const values = inputParameters(node);
    step.rules.filter(rule => broken(rule, values)).forEach(rule => reporter.report(node.id, `${step.name}: ${rule.message}`));
  }
  return { check };
}

/** Whether the inputs break the rule; a parameter counts as given when it is not blank. */
export function broken(rule, values) {
  const given = rule.parameters.filter(name => values[name]).length;
  if (rule.kind === 'EXACTLY_ONE') {
    return given !== 1;
  }
  if (rule.kind === 'AT_MOST_ONE') {
    return given > 1;
  }
  return Boolean(values[rule.when]) && given < rule.parameters.length;
}
