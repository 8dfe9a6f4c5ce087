// Camunda Modeler plugin: Replyflow's palette, "Add Step" and lint rules in Camunda 7 diagrams. The steps'
// element templates are installed next to it (see modeler-plugins/README.md).
import { registerClientPlugin, registerPlatformBpmnJSPlugin } from 'camunda-modeler-plugin-helpers';
// the palette, Add Step and lint rules are the web modeler's own (webapp/src/replyflow), built from webapp/ by npm
import replyflowModule from '../../../webapp/src/replyflow/index.js';
import lintRules from '../../../webapp/src/replyflow/lint/index.js';
import '../../../webapp/src/replyflow/replyflow.css';

registerPlatformBpmnJSPlugin(replyflowModule);
registerClientPlugin(lintRules, 'lintRules.bpmn');
