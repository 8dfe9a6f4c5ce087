import test from 'node:test';
import assert from 'node:assert/strict';
import { overlayHtml } from '../src/statistics.js';

test('a step shows contacts waiting and passed', () => {
  const html = overlayHtml({ elementId: 'send', active: 2, completed: 5 });
  assert.match(html, />2 waiting</);
  assert.match(html, />5 passed</);
  assert.doesNotMatch(html, /replied/);
  assert.match(html, /<button type="button" class="rf-make-list" data-element="send"/);
});

test('a Customer Response shows its reply rate against No Response', () => {
  const html = overlayHtml({ elementId: 'wait', active: 0, completed: 4, replied: 3, noResponse: 1 });
  assert.match(html, /75% replied · 25% no response/);
  assert.doesNotMatch(html, /waiting/);
  assert.doesNotMatch(html, /make a list/); // nobody waits there now
});

test('a step nobody reached has no overlay', () => {
  assert.equal(overlayHtml({ elementId: 'never', active: 0, completed: 0 }), '');
});
