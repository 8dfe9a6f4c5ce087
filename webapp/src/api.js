// Calls to Replyflow's API and Camunda's REST API with the user's credentials (HTTP Basic, as for every API).

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export class Api {
  constructor(username, password) {
    // HTTP Basic of UTF-8 credentials (btoa alone takes Latin-1 only)
    const utf8 = new TextEncoder().encode(`${username}:${password}`);
    this._authorization = 'Basic ' + btoa(String.fromCharCode(...utf8));
  }

  async get(path) {
    return this._send(path, { method: 'GET' });
  }

  async postJson(path, body) {
    return this._send(path, { method: 'POST', body: JSON.stringify(body), json: true });
  }

  async postForm(path, form) {
    return this._send(path, { method: 'POST', body: form });
  }

  async _send(path, options) {
    const headers = { Authorization: this._authorization, Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (options.json) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, { method: options.method, body: options.body, headers });
    const text = await response.text();
    const body = text ? parse(text) : null;
    if (!response.ok) {
      const message = body && (body.detail || body.message || body.title) || `${response.status} ${response.statusText}`;
      throw new ApiError(response.status, message, body);
    }
    return body;
  }
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return { message: text };
  }
}
