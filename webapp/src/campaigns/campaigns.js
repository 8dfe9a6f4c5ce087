// /modeler/campaigns.html: create a campaign (audience, template or automation, schedule, rate), preview its cost and
// finish, launch it, watch its progress, pause/resume/cancel it, and make a list from its results. Same sign-in and
// credentials (this tab's sessionStorage) as the web modeler.
import { campaignRequest, progress } from './request.js';

const $ = id => document.getElementById(id);
const SESSION = 'replyflow.modeler.credentials'; // the modeler's: signed in there, signed in here
let authorization;
let selected = null;
let pollTimer;

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: authorization, Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(json && (json.detail || json.title) || `${response.status} ${response.statusText}`);
    error.status = response.status;
    error.body = json;
    throw error;
  }
  return json;
}

// ---- sign in ----

async function signIn(username, password) {
  const utf8 = new TextEncoder().encode(`${username}:${password}`);
  authorization = 'Basic ' + btoa(String.fromCharCode(...utf8));
  await call('GET', '/api/campaigns');
  sessionStorage.setItem(SESSION, JSON.stringify({ username, password }));
  $('user').textContent = username;
  $('login').hidden = true;
  $('app').hidden = false;
  try {
    await Promise.all([ loadChoices(), listCampaigns() ]);
    document.body.dataset.ready = 'true';
  } catch (e) {
    $('c-error').textContent = `Could not load the lists, templates and automations: ${e.message}`;
  }
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

// ---- the form ----

async function loadChoices() {
  const [ lists, templates, automations ] = await Promise.all([ call('GET', '/api/lists'), call('GET', '/api/templates'),
    call('GET', '/engine-rest/process-definition?latestVersion=true&sortBy=key&sortOrder=asc').catch(() => []) ]);
  const listOptions = lists.map(list => `<option value="${escape(list.name)}">${escape(list.name)} (${list.size})</option>`).join('');
  $('c-list').innerHTML = listOptions;
  $('c-except').innerHTML = '<option value="">none</option>' + listOptions;
  const names = [ ...new Set(templates.filter(t => t.status === 'APPROVED').map(t => t.name)) ];
  $('c-template').innerHTML = names.map(name => `<option value="${escape(name)}">${escape(name)}</option>`).join('');
  $('c-automation').innerHTML = automations.map(definition =>
    `<option value="${escape(definition.key)}">${escape(definition.name || definition.key)}</option>`).join('');
}

function formValues() {
  return {
    name: $('c-name').value,
    audienceKind: document.querySelector('input[name=audience]:checked').value,
    list: $('c-list').value,
    tags: $('c-tags').value,
    tagsMatch: $('c-tags-match').value,
    exceptList: $('c-except').value,
    whatKind: document.querySelector('input[name=what]:checked').value,
    template: $('c-template').value,
    language: $('c-language').value,
    parameters: $('c-parameters').value,
    automation: $('c-automation').value,
    startAt: $('c-start').value,
    rate: $('c-rate').value
  };
}

$('create').addEventListener('submit', async event => {
  event.preventDefault();
  $('c-error').textContent = '';
  try {
    const campaign = await call('POST', '/api/campaigns', campaignRequest(formValues()));
    await listCampaigns();
    await select(campaign.id);
  } catch (e) {
    $('c-error').textContent = (e.body && e.body.field ? e.body.field + ': ' : '') + e.message;
  }
});

// ---- the campaigns ----

async function listCampaigns() {
  const campaigns = await call('GET', '/api/campaigns');
  $('campaigns').innerHTML = campaigns.map(c => `<tr data-id="${c.id}" class="${c.id === selected ? 'selected' : ''}">`
    + `<td>${escape(c.name)}</td><td><span class="status ${c.status}">${c.status}</span></td>`
    + `<td>${c.counts.dispatched}</td></tr>`).join('');
}

$('campaigns').addEventListener('click', event => {
  const row = event.target.closest('tr[data-id]');
  if (row) {
    select(Number(row.dataset.id)).catch(e => { $('d-error').textContent = e.message; });
  }
});

async function select(id) {
  selected = id;
  $('d-error').textContent = '';
  $('d-list-result').textContent = '';
  $('detail').hidden = false;
  await refresh();
}

async function refresh() {
  clearTimeout(pollTimer);
  if (selected === null) {
    return;
  }
  const started = Date.now();
  const campaign = await call('GET', `/api/campaigns/${selected}`);
  show(campaign);
  if (campaign.status === 'DRAFT') {
    showPreview(await call('GET', `/api/campaigns/${selected}/preview`));
  } else {
    $('d-preview').hidden = true;
  }
  await listCampaigns();
  // live while it dispatches, and after that while its messages still wait for WhatsApp's answer or statuses
  const settling = campaign.counts.sent + campaign.counts.failed < campaign.counts.dispatched
    || campaign.counts.read < campaign.counts.sent && campaign.status === 'COMPLETED'
      && Date.now() - new Date(campaign.finishedAt).getTime() < 10 * 60 * 1000;
  if (campaign.status === 'RUNNING' || campaign.status === 'SCHEDULED' || settling && campaign.status !== 'DRAFT') {
    // every second, or less often when the counts take long to compute (100,000 recipients): the page never keeps
    // the server counting all the time
    const wait = Math.max(1000, 3 * (Date.now() - started));
    pollTimer = setTimeout(() => refresh().catch(e => { $('d-error').textContent = e.message; }), wait);
  }
}

function show(campaign) {
  $('d-name').textContent = campaign.name;
  $('d-status').textContent = campaign.status;
  $('d-status').className = `status ${campaign.status}`;
  const audience = campaign.audience.list ? `list ${campaign.audience.list}`
    : `tags ${(campaign.audience.tagsAll || campaign.audience.tagsAny).join(', ')} (${campaign.audience.tagsAll ? 'all' : 'any'})`;
  const what = campaign.template ? `template ${campaign.template.name}` : `automation ${campaign.automation}`;
  $('d-what').textContent = `${audience}${campaign.audience.exceptList ? ` except ${campaign.audience.exceptList}` : ''} · ${what}`
    + ` · ${campaign.rate} messages/s${campaign.startAt ? ` · from ${new Date(campaign.startAt).toLocaleString()}` : ''}`;
  $('d-launch').hidden = campaign.status !== 'DRAFT';
  $('d-pause').hidden = campaign.status !== 'RUNNING' && campaign.status !== 'SCHEDULED';
  $('d-resume').hidden = campaign.status !== 'PAUSED';
  $('d-cancel').hidden = [ 'COMPLETED', 'CANCELLED' ].includes(campaign.status);
  $('d-progress-box').hidden = campaign.status === 'DRAFT';
  const p = progress(campaign.counts);
  $('d-bar').style.width = `${p.percent}%`;
  $('d-progress-label').textContent = `${p.label} (${p.percent}%)`;
  const failedByCode = Object.entries(campaign.failedByCode).map(([ code, n ]) => `${code}: ${n}`).join(', ');
  $('d-counts').innerHTML = p.rows.map(([ label, n ]) => `<tr data-count="${label.toLowerCase()}"><td>${label}</td><td>${n}</td></tr>`).join('')
    + (failedByCode ? `<tr><td>Failed by code</td><td>${escape(failedByCode)}</td></tr>` : '');
  $('d-facts').textContent = `Cost so far ${money(campaign.cost)} ${campaign.currency} · reserved ${money(campaign.reserved)} ${campaign.currency}`
    + ` · rate now ${campaign.currentRate}/s${campaign.throttledUntil && new Date(campaign.throttledUntil) > new Date() ? ' (WhatsApp asked to slow down)' : ''}`
    + (campaign.eta ? ` · ${campaign.status === 'COMPLETED' || campaign.status === 'CANCELLED' ? 'ended' : 'ETA'} ${new Date(campaign.eta).toLocaleString()}` : '');
}

function showPreview(preview) {
  const excluded = Object.entries(preview.excluded).map(([ reason, n ]) => `${reason} ${n}`).join(', ');
  const rows = [
    [ 'Audience', preview.audience ], [ 'Excluded', excluded ], [ 'Recipients', preview.recipients ],
    [ 'Estimated cost', `${money(preview.estimatedCost)} ${preview.currency}` ],
    [ 'Wallet', `${money(preview.walletBalance)} ${preview.currency}` ], [ 'Shortfall', `${money(preview.shortfall)} ${preview.currency}` ],
    [ 'Count against the messaging limit', `${preview.countsAgainstLimit} (limit ${preview.messagingLimit || 'none'} per 24h)` ],
    [ 'Estimated finish', `${new Date(preview.estimatedFinish).toLocaleString()}${preview.estimatedDays > 1 ? ` (over ${preview.estimatedDays} days)` : ''}` ]
  ];
  $('d-preview-list').innerHTML = rows.map(([ label, value ]) =>
    `<dt>${label}</dt><dd data-preview="${label.toLowerCase().replace(/ /g, '-')}">${escape(String(value))}</dd>`).join('');
  $('d-preview').hidden = false;
}

for (const action of [ 'launch', 'pause', 'resume', 'cancel' ]) {
  $(`d-${action}`).addEventListener('click', async () => {
    $('d-error').textContent = '';
    try {
      await call('POST', `/api/campaigns/${selected}/${action}`, {});
    } catch (e) {
      $('d-error').textContent = e.body && e.body.shortfall !== undefined ? `${e.message} (shortfall ${money(e.body.shortfall)})` : e.message;
    }
    await refresh();
  });
}

$('d-make-list').addEventListener('click', async () => {
  $('d-error').textContent = '';
  $('d-list-result').textContent = '';
  try {
    const list = await call('POST', `/api/campaigns/${selected}/lists`, { name: $('d-list-name').value, segment: $('d-segment').value });
    $('d-list-result').textContent = `List ${list.name} made with ${list.size} contact(s)`;
    await loadChoices();
  } catch (e) {
    $('d-error').textContent = e.message;
  }
});

/** Amounts come as JSON numbers (130.00 arrives as 130): shown with cents. */
function money(amount) {
  return Number(amount).toFixed(2);
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

const saved = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
if (saved) {
  signIn(saved.username, saved.password).catch(() => { $('login').hidden = false; });
} else {
  $('login').hidden = false;
}
