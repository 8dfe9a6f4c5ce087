import { palette as catalogue } from './catalogue.js';

// the default entries the web modeler keeps: the tools and an end event (everything else is a Replyflow step)
const KEPT_DEFAULTS = [ 'hand-tool', 'lasso-tool', 'space-tool', 'global-connect-tool', 'tool-separator', 'create.end-event' ];

/**
 * The palette lists every trigger and step by its reference name. With config.replyflowPalette.only (the web
 * modeler) it replaces BPMN's own element entries; in Camunda Modeler it is added to them.
 */
export default function ReplyflowPalette(palette, create, globalConnect, replyflowElements, config) {
  this._create = create;
  this._globalConnect = globalConnect;
  this._elements = replyflowElements;
  this._only = Boolean(config && config.only);
  palette.registerProvider(this);
}

ReplyflowPalette.$inject = [ 'palette', 'create', 'globalConnect', 'replyflowElements', 'config.replyflowPalette' ];

ReplyflowPalette.prototype.getPaletteEntries = function() {
  return entries => {
    const result = {};
    Object.keys(entries).filter(id => !this._only || KEPT_DEFAULTS.includes(id)).forEach(id => result[id] = entries[id]);
    catalogue.triggers.forEach(trigger => {
      result[`replyflow-trigger.${trigger.id}`] = this._entry('replyflow-triggers', trigger, 'start-event-' +
        (trigger.event === 'none' ? 'none' : trigger.event), () => this._elements.trigger(trigger));
    });
    catalogue.steps.forEach(step => {
      result[`replyflow-step.${step.id}`] = step.kind === 'go-to-step'
        ? this._goToStep(step)
        : this._entry('replyflow-steps', step, ICONS[step.kind] || 'service-task', () => this._elements.step(step));
    });
    return result;
  };
};

const ICONS = {
  'customer-response': 'receive-task',
  'delay': 'intermediate-event-catch-timer',
  'if-else': 'gateway-xor',
  'branch': 'gateway-parallel'
};

ReplyflowPalette.prototype._entry = function(group, item, icon, createShape) {
  const start = event => this._create.start(event, createShape());
  return {
    group,
    className: 'replyflow-entry',
    title: item.name,
    html: `<div class="entry replyflow-entry" draggable="true" data-replyflow="${item.id}">` +
      `<span class="bpmn-icon-${icon}"></span><span class="replyflow-label">${item.name}</span></div>`,
    action: { dragstart: start, click: start }
  };
};

/** Go to Step is a sequence flow back to an earlier step: the connect tool draws it. */
ReplyflowPalette.prototype._goToStep = function(step) {
  const start = event => this._globalConnect.start(event);
  return {
    group: 'replyflow-steps',
    className: 'replyflow-entry',
    title: step.name,
    html: `<div class="entry replyflow-entry" data-replyflow="${step.id}">` +
      `<span class="bpmn-icon-connection"></span><span class="replyflow-label">${step.name}</span></div>`,
    action: { dragstart: start, click: start }
  };
};
