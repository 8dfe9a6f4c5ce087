// /modeler/: sign in, model an automation from Replyflow's steps, deploy it, and watch contacts move through it.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './replyflow/replyflow.css';
import './app.css';

import { Api, ApiError } from './api.js';
import { createModeler, newAutomationXml } from './modeler.js';
import { deploymentProblems } from './deployment.js';
import { overlayHtml } from './statistics.js';

const $ = id => document.getElementById(id);
const SESSION = 'replyflow.modeler.credentials';
let api;
let statisticsTimer;
let opened = { key: '', definitionId: '' }; // the deployed automation and version on the canvas, if any

const { modeler, templateProblems } = createModeler($('canvas'), $('properties'));
window.replyflowModeler = { modeler, templateProblems };

// ---- sign in: the same users and HTTP Basic credentials as every Replyflow API ----

async function signIn(username, password) {
  const candidate = new Api(username, password);
  const groups = await candidate.get(`/engine-rest/identity/groups?userId=${encodeURIComponent(username)}`);
  api = candidate;
  // kept for this tab only (sessionStorage ends with it), so that a reload does not ask again
  sessionStorage.setItem(SESSION, JSON.stringify({ username, password }));
  const admin = groups.groups.some(group => group.id === 'camunda-admin');
  $('user').textContent = `${username}${admin ? ' (admin)' : ''}`;
  $('login').hidden = true;
  $('app').hidden = false;
  await newAutomation();
  await listAutomations();
  await listGallery();
}

$('login').addEventListener('submit', async event => {
  event.preventDefault();
  $('login-error').textContent = '';
  try {
    await signIn($('login-user').value, $('login-password').value);
  } catch (e) {
    $('login-error').textContent = e.status === 401 ? 'Wrong user or password' : e.message;
  }
});

$('logout').addEventListener('click', () => {
  sessionStorage.removeItem(SESSION);
  location.reload();
});

// ---- the diagram ----

// changes since the diagram was opened, saved or deployed: opening another one asks first
let unsavedChanges = false;
modeler.on('commandStack.changed', () => { unsavedChanges = true; });
window.addEventListener('beforeunload', event => {
  if (unsavedChanges) {
    event.preventDefault();
  }
});

function mayDiscardChanges() {
  return !unsavedChanges || confirm('The automation has changes that are not saved or deployed. Discard them?');
}

async function show(xml, { deployedKey } = {}) {
  stopStatistics();
  await modeler.importXML(xml);
  unsavedChanges = false;
  const canvas = modeler.get('canvas');
  canvas.zoom('fit-viewport', 'auto');
  if (canvas.zoom() > 1) {
    canvas.zoom(1);
  }
  // keep the diagram's left edge clear of the palette
  const { x, scale, inner } = canvas.viewbox();
  const left = (inner.x - x) * scale;
  if (inner.width && left < 220) {
    canvas.scroll({ dx: 220 - left, dy: 0 });
  }
  syncAutomationFields();
  $('statistics').disabled = !deployedKey;
}

async function newAutomation() {
  await show(newAutomationXml());
  $('version').innerHTML = '';
  $('version').disabled = true;
  $('open').value = '';
  opened = { key: '', definitionId: '' };
  say('A new automation: add a trigger and steps from the palette, or "Add Step" on an element.');
}

function processElement() {
  return modeler.get('canvas').getRootElement();
}

function syncAutomationFields() {
  const process = processElement().businessObject;
  $('automation-name').value = process.name || '';
  $('automation-key').value = process.id;
}

modeler.on('elements.changed', ({ elements }) => {
  if (elements.includes(processElement())) {
    syncAutomationFields();
  }
});

$('automation-name').addEventListener('change', event =>
  modeler.get('modeling').updateProperties(processElement(), { name: event.target.value }));
$('automation-key').addEventListener('change', event => {
  const key = event.target.value.trim();
  if (!/^[A-Za-z_][\w.-]*$/.test(key)) {
    say('The key must start with a letter and hold only letters, digits, "-", "_" and "."', 'error');
    syncAutomationFields();
    return;
  }
  modeler.get('modeling').updateProperties(processElement(), { id: key });
});

$('new').addEventListener('click', () => mayDiscardChanges() && newAutomation());

// ---- open a deployed automation: its latest version, or a chosen one ----

async function listAutomations() {
  const definitions = await api.get('/engine-rest/process-definition?latestVersion=true&sortBy=key&sortOrder=asc');
  $('open').innerHTML = '<option value="">deployed automations…</option>' + definitions.map(definition =>
    `<option value="${escape(definition.key)}">${escape(definition.name || definition.key)} (${escape(definition.key)})</option>`).join('');
}

async function openDeployed(key, definitionId) {
  const versions = await api.get(`/engine-rest/process-definition?key=${encodeURIComponent(key)}&sortBy=version&sortOrder=desc`);
  const chosen = versions.find(definition => definition.id === definitionId) || versions[0];
  $('version').innerHTML = versions.map(definition =>
    `<option value="${escape(definition.id)}">v${definition.version}${definition === versions[0] ? ' (latest)' : ''}</option>`).join('');
  $('version').value = chosen.id;
  $('version').disabled = false;
  $('open').value = key;
  opened = { key, definitionId: chosen.id };
  const { bpmn20Xml } = await api.get(`/engine-rest/process-definition/${encodeURIComponent(chosen.id)}/xml`);
  await show(bpmn20Xml, { deployedKey: key });
  say(`Opened ${chosen.name || key}, version ${chosen.version}.`);
}

$('open').addEventListener('change', event => {
  if (!mayDiscardChanges()) {
    syncOpenSelect();
    return;
  }
  if (event.target.value) {
    openDeployed(event.target.value).catch(failed);
  }
});
$('version').addEventListener('change', event => {
  if (!mayDiscardChanges()) {
    syncOpenSelect();
    return;
  }
  openDeployed($('open').value, event.target.value).catch(failed);
});

// after a change was kept: the selects show what is open again
function syncOpenSelect() {
  $('open').value = opened.key;
  $('version').value = opened.definitionId;
}

$('open-file').addEventListener('change', async event => {
  const file = event.target.files[0];
  if (file && mayDiscardChanges()) {
    await show(await file.text()).catch(failed);
    say(`Opened ${file.name}.`);
  }
  event.target.value = '';
});

// ---- new from the gallery: a ready-made automation, deployed under the analyst's key with its templates ----

let galleryEntries = [];

async function listGallery() {
  galleryEntries = await api.get('/api/gallery');
  $('gallery').innerHTML = '<option value="">ready-made automations…</option>' + galleryEntries.map(entry =>
    `<option value="${escape(entry.id)}">${escape(entry.name)}</option>`).join('');
}

$('gallery').addEventListener('change', event => {
  const entry = galleryEntries.find(candidate => candidate.id === event.target.value);
  $('gallery-dialog').hidden = !entry;
  if (!entry) {
    return;
  }
  $('gallery-name').textContent = entry.name;
  $('gallery-description').textContent = entry.description;
  $('gallery-trigger').textContent = entry.trigger;
  $('gallery-templates').textContent = entry.templates.length
    ? `Templates it sends (created when missing): ${entry.templates.join(', ')}` : 'It sends no template.';
  $('gallery-automation-name').value = entry.name;
  $('gallery-key').value = entry.id;
});

$('gallery-cancel').addEventListener('click', closeGallery);

function closeGallery() {
  $('gallery-dialog').hidden = true;
  $('gallery').value = '';
}

$('gallery-dialog').addEventListener('submit', async event => {
  event.preventDefault();
  if (!mayDiscardChanges()) {
    return;
  }
  const id = $('gallery').value;
  const key = $('gallery-key').value.trim();
  try {
    const deployed = await api.postJson(`/api/gallery/${encodeURIComponent(id)}/deploy`,
      { key, name: $('gallery-automation-name').value });
    closeGallery();
    await listAutomations();
    await openDeployed(key);
    const created = deployed.templatesCreated.length ? ` Templates created: ${deployed.templatesCreated.join(', ')}.` : '';
    say(`"${$('automation-name').value || key}" deployed from the gallery as ${key}.${created}`, 'success');
  } catch (e) {
    failed(e);
  }
});

// ---- save and deploy ----

$('save').addEventListener('click', async () => {
  const { xml } = await modeler.saveXML({ format: true });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([ xml ], { type: 'application/xml' }));
  link.download = `${processElement().businessObject.id}.bpmn`;
  link.click();
  unsavedChanges = false;
  URL.revokeObjectURL(link.href);
});

$('deploy').addEventListener('click', () => deploy().catch(failed));

async function deploy() {
  clearProblems();
  const { xml } = await modeler.saveXML({ format: true });
  const key = processElement().businessObject.id;
  const form = new FormData();
  form.append('deployment-name', key);
  form.append('deployment-source', 'replyflow-modeler');
  form.append('deploy-changed-only', 'true');
  form.append('data', new Blob([ xml ], { type: 'application/xml' }), `${key}.bpmn`);
  try {
    await api.postForm('/engine-rest/deployment/create', form);
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      showProblems(deploymentProblems(e.body, modeler.get('elementRegistry').getAll().map(element => element.id)));
      return;
    }
    throw e;
  }
  await listAutomations();
  await openDeployed(key);
  say(`Deployed ${$('automation-name').value || key}: ${$('version').selectedOptions[0].textContent}.`, 'success');
}

function showProblems(problems) {
  const overlays = modeler.get('overlays');
  const registry = modeler.get('elementRegistry');
  say('The deployment was refused:', 'error');
  problems.forEach(problem => {
    const element = problem.elementId && registry.get(problem.elementId);
    const line = document.createElement('div');
    line.className = 'problem';
    line.textContent = problem.message;
    if (element) {
      line.addEventListener('click', () => modeler.get('selection').select(element));
      modeler.get('canvas').addMarker(element, 'rf-refused');
      overlays.add(element, 'rf-problem', { position: { top: -28, left: 0 },
        html: `<div class="rf-problem" data-element="${escape(element.id)}">${escape(problem.message)}</div>` });
    }
    $('messages').appendChild(line);
  });
}

function clearProblems() {
  modeler.get('overlays').remove({ type: 'rf-problem' });
  modeler.get('elementRegistry').forEach(element => modeler.get('canvas').removeMarker(element, 'rf-refused'));
}

// ---- step analytics overlay ----

$('statistics').addEventListener('click', () => statisticsTimer ? stopStatistics() : startStatistics().catch(failed));

async function startStatistics() {
  await drawStatistics();
  statisticsTimer = setInterval(() => drawStatistics().catch(failed), 5000);
  $('statistics').setAttribute('aria-pressed', 'true');
}

function stopStatistics() {
  clearInterval(statisticsTimer);
  statisticsTimer = null;
  modeler.get('overlays').remove({ type: 'rf-stats' });
  $('statistics').setAttribute('aria-pressed', 'false');
}

async function drawStatistics() {
  const key = $('open').value;
  const statistics = await api.get(`/api/automations/${encodeURIComponent(key)}/statistics`);
  const overlays = modeler.get('overlays');
  const registry = modeler.get('elementRegistry');
  overlays.remove({ type: 'rf-stats' });
  statistics.forEach(element => {
    const html = overlayHtml(element);
    const shape = registry.get(element.elementId);
    if (html && shape) {
      // below the element, below its label (events), or below the label of a No Response timer attached to it
      const below = (shape.attachers || []).length ? -40 : shape.label ? -22 : -6;
      const overlay = overlays.add(shape, 'rf-stats', { position: { bottom: below, left: 0 }, html });
      const button = overlays.get(overlay).htmlContainer.querySelector('.rf-make-list');
      if (button) {
        button.addEventListener('click', () => makeList(key, element.elementId).catch(failed));
      }
    }
  });
}

/** A list of the contacts waiting at the step now, named after the step and the moment. */
async function makeList(key, elementId) {
  const element = modeler.get('elementRegistry').get(elementId);
  const step = element && element.businessObject.name || elementId;
  const name = `${key}: waiting at ${step} ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`;
  const list = await api.postJson(`/api/automations/${encodeURIComponent(key)}/elements/${encodeURIComponent(elementId)}/list`,
    { name });
  say(`List "${list.name}" created with ${list.size} contact${list.size === 1 ? '' : 's'}.`, 'success');
}

// ---- messages ----

function say(text, kind = 'info') {
  $('messages').innerHTML = '';
  const line = document.createElement('div');
  line.className = `message ${kind}`;
  line.textContent = text;
  $('messages').appendChild(line);
}

function failed(error) {
  say(error.status === 403 ? `Not allowed: ${error.message} (only admins deploy)` : error.message, 'error');
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]);
}

// ---- start ----

const saved = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
if (saved) {
  signIn(saved.username, saved.password).catch(() => { $('login').hidden = false; });
} else {
  $('login').hidden = false;
}
