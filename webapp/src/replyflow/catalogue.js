// The catalogue as the modelers see it: generated from the Java step catalogue (never edited by hand).
import palette from '../generated/replyflow-palette.json' with { type: 'json' };
import templates from '../../../modeler-plugins/element-templates/replyflow-steps.json' with { type: 'json' };

export { palette, templates };

export function templateById(id) {
  return templates.find(template => template.id === id);
}

/** The steps that follow another element (everything but Go to Step, which is a flow back, not an element). */
export function appendableSteps() {
  return palette.steps.filter(step => step.kind !== 'go-to-step');
}
