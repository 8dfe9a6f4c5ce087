/**
 * Finishes a Replyflow step once its shape is on the canvas, inside the same command (one undo removes all):
 * a service-task step gets its element template, a Customer Response its No Response timer.
 */
export default function ReplyflowCreateBehavior(eventBus, injector, modeling, replyflowElements) {
  eventBus.on('commandStack.shape.create.postExecuted', ({ context }) => {
    const shape = context.shape;
    if (shape.replyflowTemplate) {
      const template = shape.replyflowTemplate;
      delete shape.replyflowTemplate;
      const elementTemplates = injector.get('elementTemplates', false);
      if (elementTemplates) {
        elementTemplates.applyTemplate(shape, template);
      }
    }
    if (shape.replyflowTimeout) {
      const timer = replyflowElements.noResponseTimer(shape.replyflowTimeout);
      delete shape.replyflowTimeout;
      modeling.createShape(timer, { x: shape.x + shape.width - 20, y: shape.y + shape.height }, shape, { attach: true });
    }
  });
}

ReplyflowCreateBehavior.$inject = [ 'eventBus', 'injector', 'modeling', 'replyflowElements' ];
