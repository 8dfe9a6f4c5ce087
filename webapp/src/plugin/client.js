// Camunda Modeler plugin: Replyflow's palette, "Add Step" and lint rules in Camunda 7 diagrams. The steps'
// element templates are installed next to it (see modeler-plugins/README.md).
import { registerClientPlugin, registerPlatformBpmnJSPlugin } from 'camunda-modeler-plugin-helpers';
import replyflowModule from '../replyflow/index.js';
import lintRules from '../replyflow/lint/index.js';
import '../replyflow/replyflow.css';

registerPlatformBpmnJSPlugin(replyflowModule);
registerClientPlugin(lintRules, 'lintRules.bpmn');
