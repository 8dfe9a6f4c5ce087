// Test helpers: a Replyflow automation's XML, read with the same moddle extensions as the modelers.
import { BpmnModdle } from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

export async function read(processBody, rootElements = '') {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="defs" targetNamespace="http://replyflow.dev/test">
  ${rootElements}
  <bpmn:process id="automation" isExecutable="true">${processBody}</bpmn:process>
</bpmn:definitions>`;
  const { rootElement, warnings } = await new BpmnModdle({ camunda: camundaModdle }).fromXML(xml);
  if (warnings.length) {
    throw new Error(warnings.map(w => w.message).join('\n'));
  }
  return rootElement;
}

export function step(id, templateId, inputs = {}) {
  const parameters = Object.entries(inputs)
    .map(([ name, value ]) => `<camunda:inputParameter name="${name}">${value}</camunda:inputParameter>`).join('');
  return `<bpmn:serviceTask id="${id}" camunda:modelerTemplate="${templateId}" camunda:delegateExpression="\${x}">
    <bpmn:extensionElements><camunda:inputOutput>${parameters}</camunda:inputOutput></bpmn:extensionElements>
  </bpmn:serviceTask>`;
}
