import { palette, templateById } from './catalogue.js';

const EVENT_DEFINITIONS = { message: 'bpmn:MessageEventDefinition', signal: 'bpmn:SignalEventDefinition' };

/**
 * Creates the BPMN shapes of the palette's triggers and steps. What needs the shape on the canvas first (the template
 * of a service-task step, the No Response timer of a Customer Response) is done by ReplyflowCreateBehavior.
 */
export default function ReplyflowElements(elementFactory, bpmnFactory, bpmnjs) {
  this._elementFactory = elementFactory;
  this._bpmnFactory = bpmnFactory;
  this._bpmnjs = bpmnjs;
}

ReplyflowElements.$inject = [ 'elementFactory', 'bpmnFactory', 'bpmnjs' ];

ReplyflowElements.prototype.trigger = function(trigger) {
  const eventDefinitionType = EVENT_DEFINITIONS[trigger.event];
  const shape = this._elementFactory.createShape({ type: 'bpmn:StartEvent', eventDefinitionType });
  shape.businessObject.name = trigger.name;
  if (eventDefinitionType) {
    const reference = trigger.event === 'message' ? 'messageRef' : 'signalRef';
    shape.businessObject.eventDefinitions[0][reference] =
      this.rootElement(trigger.event === 'message' ? 'bpmn:Message' : 'bpmn:Signal', trigger.defaultName);
  }
  return shape;
};

ReplyflowElements.prototype.step = function(step) {
  const create = {
    'template': () => this._serviceTask(step),
    'customer-response': () => this._customerResponse(step),
    'delay': () => this._timerCatch(step),
    'if-else': () => this._shape('bpmn:ExclusiveGateway', step.name),
    'branch': () => this._shape('bpmn:ParallelGateway', step.name)
  }[step.kind];
  if (!create) {
    throw new Error(`Step ${step.id} is not an element`);
  }
  return create();
};

/** The message or signal of that name in the diagram, created on first use (so two triggers share one). */
ReplyflowElements.prototype.rootElement = function(type, name) {
  const definitions = this._bpmnjs.getDefinitions();
  const existing = definitions.get('rootElements').find(element => element.$type === type && element.name === name);
  if (existing) {
    return existing;
  }
  const created = this._bpmnFactory.create(type, { name });
  created.$parent = definitions;
  definitions.get('rootElements').push(created);
  return created;
};

ReplyflowElements.prototype._shape = function(type, name, attrs = {}) {
  const shape = this._elementFactory.createShape({ type, ...attrs });
  shape.businessObject.name = name;
  return shape;
};

ReplyflowElements.prototype._serviceTask = function(step) {
  const shape = this._shape('bpmn:ServiceTask', step.name);
  shape.replyflowTemplate = templateById(step.templateId);
  return shape;
};

ReplyflowElements.prototype._customerResponse = function(step) {
  const shape = this._shape('bpmn:ReceiveTask', step.name);
  shape.businessObject.messageRef = this.rootElement('bpmn:Message', palette.replyMessage);
  shape.replyflowTimeout = palette.customerResponseTimeout;
  return shape;
};

ReplyflowElements.prototype._timerCatch = function(step) {
  const shape = this._shape('bpmn:IntermediateCatchEvent', step.name, { eventDefinitionType: 'bpmn:TimerEventDefinition' });
  shape.businessObject.eventDefinitions[0].timeDuration =
    this._bpmnFactory.create('bpmn:FormalExpression', { body: palette.delayDuration });
  return shape;
};

/** The No Response timer of a Customer Response: an interrupting timer boundary event. */
ReplyflowElements.prototype.noResponseTimer = function(duration) {
  const timer = this._shape('bpmn:BoundaryEvent', 'No Response', { eventDefinitionType: 'bpmn:TimerEventDefinition' });
  timer.businessObject.eventDefinitions[0].timeDuration = this._bpmnFactory.create('bpmn:FormalExpression', { body: duration });
  return timer;
};
