// The Replyflow modeling module, shared by the web modeler and the Camunda Modeler plugin.
import ReplyflowElements from './ReplyflowElements.js';
import ReplyflowCreateBehavior from './ReplyflowCreateBehavior.js';
import ReplyflowPalette from './ReplyflowPalette.js';
import ReplyflowAppend from './ReplyflowAppend.js';

export default {
  __init__: [ 'replyflowCreateBehavior', 'replyflowPalette', 'replyflowAppend' ],
  replyflowElements: [ 'type', ReplyflowElements ],
  replyflowCreateBehavior: [ 'type', ReplyflowCreateBehavior ],
  replyflowPalette: [ 'type', ReplyflowPalette ],
  replyflowAppend: [ 'type', ReplyflowAppend ]
};
