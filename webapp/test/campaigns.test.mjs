import test from 'node:test';
import assert from 'node:assert/strict';
import { campaignRequest, progress } from '../src/campaigns/request.js';

const form = { name: ' Spring sale ', audienceKind: 'list', list: 'customers', tags: '', tagsMatch: 'all', exceptList: '',
  whatKind: 'template', template: 'spring_promo', language: 'it', parameters: '{{contact.name}}\n\n{{fields.city}}\n',
  automation: '', startAt: '', rate: '' };

test('a template campaign to a list', () => {
  assert.deepEqual(campaignRequest(form), { name: 'Spring sale', audience: { list: 'customers' },
    template: { name: 'spring_promo', parameters: [ '{{contact.name}}', '{{fields.city}}' ], language: 'it' } });
});

test('an automation campaign to tags, minus a list, scheduled, at a rate', () => {
  const request = campaignRequest({ ...form, audienceKind: 'tags', tags: 'vip, newsletter ,', tagsMatch: 'any',
    exceptList: 'unsubscribed', whatKind: 'automation', automation: 'welcome', startAt: '2026-03-02T09:00', rate: '40' });
  assert.deepEqual(request.audience, { tags: { any: [ 'vip', 'newsletter' ] }, exceptList: 'unsubscribed' });
  assert.equal(request.automation, 'welcome');
  assert.equal(request.template, undefined);
  assert.equal(request.rate, 40);
  assert.equal(request.startAt, new Date('2026-03-02T09:00').toISOString());
});

test('progress counts what was dispatched of everyone queued', () => {
  const p = progress({ excluded: 3, queued: 250, dispatched: 750, cancelled: 0, sent: 700, delivered: 600, read: 300,
    replied: 20, failed: 2 });
  assert.equal(p.percent, 75);
  assert.equal(p.label, '750 of 1000 dispatched');
  assert.deepEqual(p.rows.map(([ label ]) => label), [ 'Excluded', 'Queued', 'Dispatched', 'Sent', 'Delivered', 'Read',
    'Replied', 'Failed' ]);
  assert.equal(progress({ excluded: 0, queued: 0, dispatched: 0, cancelled: 0 }).percent, 0);
});
