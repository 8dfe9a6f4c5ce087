// The bpmn-js modeler of /modeler/: Camunda 7 properties panel, Replyflow's element templates, palette and lint.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule }
  from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import CamundaPlatformBehaviors from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import lintingModule from 'bpmn-js-bpmnlint';
import replyflowModule from './replyflow/index.js';
import { templates } from './replyflow/catalogue.js';
import lintConfig from './replyflow/lint/index.js';

/** @return {{modeler: BpmnModeler, templateProblems: string[]}} */
export function createModeler(canvas, propertiesPanel) {
  const templateProblems = [];
  // registered before the diagram starts, when the templates are loaded and checked
  const templateProblemsModule = { __init__: [ [ 'eventBus', eventBus => {
    eventBus.on([ 'elementTemplates.errors', 'elementTemplates.warnings' ], event =>
      (event.errors || event.warnings || []).forEach(problem => templateProblems.push(String(problem.message || problem))));
  } ] ] };
  const modeler = new BpmnModeler({
    container: canvas,
    // a step's parameters show open, as the analyst's next thing to fill in
    propertiesPanel: { parent: propertiesPanel, layout: { groups: { ElementTemplates__CustomProperties: { open: true } } } },
    additionalModules: [ templateProblemsModule, BpmnPropertiesPanelModule, BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule, CamundaPlatformBehaviors, ElementTemplatesPropertiesProviderModule,
      lintingModule, replyflowModule ],
    moddleExtensions: { camunda: camundaModdle },
    elementTemplates: templates,
    linting: { bpmnlint: lintConfig, active: true },
    replyflowPalette: { only: true }
  });
  return { modeler, templateProblems };
}

/** An empty automation: an executable process with a key of its own, kept 180 days in history. */
export function newAutomationXml(key = 'automation-' + Math.random().toString(36).slice(2, 8), name = 'New automation') {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${key}" targetNamespace="http://replyflow.dev/automations"
  exporter="Replyflow modeler">
  <bpmn:process id="${key}" name="${name}" isExecutable="true" camunda:historyTimeToLive="180" />
  <bpmndi:BPMNDiagram id="Diagram_${key}">
    <bpmndi:BPMNPlane id="Plane_${key}" bpmnElement="${key}" />
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
