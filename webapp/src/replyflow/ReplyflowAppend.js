import { appendableSteps } from './catalogue.js';

const MENU = 'replyflow-add-step';

/**
 * "Add Step" on an element's context pad, as in the reference product: pick a step from the list and it is
 * placed after the element and connected to it.
 */
export default function ReplyflowAppend(contextPad, popupMenu, autoPlace, replyflowElements) {
  this._popupMenu = popupMenu;
  this._autoPlace = autoPlace;
  this._elements = replyflowElements;
  contextPad.registerProvider(this);
  popupMenu.registerProvider(MENU, this);
}

ReplyflowAppend.$inject = [ 'contextPad', 'popupMenu', 'autoPlace', 'replyflowElements' ];

ReplyflowAppend.prototype.getContextPadEntries = function(element) {
  const type = element.type;
  if (!type || type === 'label' || /EndEvent|SequenceFlow|Process|Participant|TextAnnotation|Association/.test(type)) {
    return {};
  }
  return {
    'replyflow.add-step': {
      group: 'model',
      className: 'bpmn-icon-service-task replyflow-add-step',
      title: 'Add Step',
      action: {
        click: (event, target) => this._popupMenu.open(target, MENU, { x: event.x, y: event.y + 10 },
          { title: 'Add Step', search: true, width: 320 })
      }
    }
  };
};

ReplyflowAppend.prototype.getPopupMenuEntries = function(source) {
  const entries = {};
  appendableSteps().forEach(step => {
    entries[`replyflow-add.${step.id}`] = {
      label: step.name,
      description: step.description.length > 90 ? step.description.slice(0, 88) + '…' : step.description,
      action: () => this._autoPlace.append(source, this._elements.step(step))
    };
  });
  return entries;
};
