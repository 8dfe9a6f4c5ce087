// Cockpit plugin: a "Replyflow" tab on the process instance page with the instance's contact, its latest messages
// and the WhatsApp conversations charged for it. Plain DOM, no build step. Values are always set as text, never as
// HTML: message texts come from customers.
//
// Replyflow's /api accepts the Cockpit login for GETs (CamundaWebappSessionAuthentication), so no password here.

const REPLYFLOW_API = '/api';
const LATEST_MESSAGES = 20;
const E164 = /^\+[1-9]\d{5,14}$/;

let loading; // aborts the fetches of a tab that was closed before they answered

export default {
  id: 'replyflow.processInstance.contact',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 1,
  label: 'Replyflow',

  render(node, { api, processInstanceId }) {
    loading = new AbortController();
    const signal = loading.signal;
    node.classList.add('replyflow-tab');
    node.replaceChildren(el('p', {}, 'Loading the Replyflow contact…'));
    show(node, api, processInstanceId, signal).catch((error) => {
      if (!signal.aborted) {
        node.replaceChildren(el('p', { className: 'alert alert-danger' }, `Replyflow could not load: ${error.message}`));
      }
    });
  },

  unmount() {
    loading?.abort();
  }
};

async function show(node, api, processInstanceId, signal) {
  const contact = await findContact(api, processInstanceId, signal);
  if (!contact) {
    node.replaceChildren(el('p', { className: 'alert alert-info' },
      'This process instance has no Replyflow contact: it is not a Replyflow automation '
      + '(no contactId variable, and its business key is not the phone of a contact).'));
    return;
  }
  const [messages, conversations] = await Promise.all([
    getJson(`${REPLYFLOW_API}/contacts/${contact.id}/messages`, signal),
    getJson(`${REPLYFLOW_API}/contacts/${contact.id}/conversations`, signal)
  ]);
  node.replaceChildren(
    contactSection(contact),
    messagesSection(messages.slice(-LATEST_MESSAGES).reverse(), messages.length),
    conversationsSection(conversations));
}

/** The contact of the automation: its contactId variable, else the contact whose phone is the business key. */
async function findContact(api, processInstanceId, signal) {
  const instance = `${api.engineApi}/process-instance/${encodeURIComponent(processInstanceId)}`;
  const variable = await getJson(`${instance}/variables/contactId`, signal, { allowMissing: true });
  if (variable && variable.value != null) {
    return getJson(`${REPLYFLOW_API}/contacts/${encodeURIComponent(variable.value)}`, signal);
  }
  const { businessKey } = await getJson(instance, signal);
  if (!businessKey || !E164.test(businessKey)) {
    return null;
  }
  const found = await getJson(`${REPLYFLOW_API}/contacts?phone=${encodeURIComponent(businessKey)}`, signal);
  return found[0] || null;
}

function contactSection(contact) {
  const consent = contact.marketingConsent
    ? ['given', contact.marketingConsentAt && `on ${when(contact.marketingConsentAt)}`,
      contact.marketingConsentSource && `(${contact.marketingConsentSource})`].filter(Boolean).join(' ')
    : 'not given';
  const lists = (contact.lists || []).map((list) => list.name);
  const rows = [
    ['Phone', contact.phone],
    ['Name', contact.name || '—'],
    ['Tags', (contact.tags || []).join(', ') || '—'],
    ['Lists', lists.join(', ') || '—'],
    ['Marketing consent', consent],
    ['Blocked', contact.blocked ? 'yes: no message is sent to this contact' : 'no']
  ];
  return el('section', {},
    el('h4', {}, `Contact #${contact.id}`),
    el('dl', { className: 'dl-horizontal' }, ...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])));
}

function messagesSection(latest, total) {
  const title = total > latest.length ? `Latest ${latest.length} of ${total} messages` : `Messages (${total})`;
  return tableSection(title, 'No messages yet.', ['Time', 'Direction', 'Type', 'Text', 'Status'], latest,
    (message) => [when(message.createdAt), message.direction, message.type, messageText(message), message.status]);
}

function conversationsSection(conversations) {
  return tableSection(`Conversations charged (${conversations.length})`, 'No conversation charged.',
    ['Category', 'Started', 'Expires', 'Price'], [...conversations].reverse(),
    (c) => [c.category, when(c.openedAt), when(c.expiresAt), c.price == null ? '—' : `${c.price} ${c.currency || ''}`]);
}

function tableSection(title, empty, headers, items, cells) {
  if (items.length === 0) {
    return el('section', {}, el('h4', {}, title), el('p', {}, empty));
  }
  return el('section', {}, el('h4', {}, title),
    el('table', { className: 'cam-table' },
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', {}, h)))),
      el('tbody', {}, ...items.map((item) => el('tr', {}, ...cells(item).map((c) => el('td', {}, c ?? '')))))));
}

function messageText(message) {
  if (message.text) {
    return message.text;
  }
  return message.template ? `template ${message.template}` : '';
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

/** GET as JSON with the session cookie; a refusal becomes an Error with the server's own explanation. */
async function getJson(url, signal, { allowMissing = false } = {}) {
  const response = await fetch(url, { signal, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (allowMissing && response.status === 404) {
    return null;
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const reason = problem.detail || problem.message || problem.title || response.statusText;
    throw new Error(`${response.status} from ${url.split('?')[0]}: ${reason}`);
  }
  return response.json();
}

/** A DOM element with properties and children (strings become text nodes). */
function el(tag, properties, ...children) {
  const element = Object.assign(document.createElement(tag), properties);
  element.append(...children.map((child) => (typeof child === 'string' ? document.createTextNode(child) : child)));
  return element;
}
