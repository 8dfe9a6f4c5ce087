// Pure helpers of the Campaigns page (unit-tested in webapp/test/campaigns.test.mjs): the POST /api/campaigns body
// from the form's values, and the progress shown for a campaign's counts.

/** The request for POST /api/campaigns from the form's values. */
export function campaignRequest(form) {
  const audience = form.audienceKind === 'tags'
    ? { tags: { [form.tagsMatch === 'any' ? 'any' : 'all']: splitList(form.tags) } }
    : { list: form.list };
  if (form.exceptList) {
    audience.exceptList = form.exceptList;
  }
  const request = { name: form.name.trim(), audience };
  if (form.whatKind === 'automation') {
    request.automation = form.automation;
  } else {
    request.template = { name: form.template, parameters: splitLines(form.parameters) };
    if (form.language && form.language.trim()) {
      request.template.language = form.language.trim();
    }
  }
  if (form.startAt) {
    request.startAt = new Date(form.startAt).toISOString();
  }
  if (form.rate) {
    request.rate = Number(form.rate);
  }
  return request;
}

/** How far the dispatch is (0–100) and the counts' labels in funnel order. */
export function progress(counts) {
  const total = counts.queued + counts.dispatched + counts.cancelled;
  const percent = total === 0 ? 0 : Math.round(counts.dispatched * 100 / total);
  return {
    percent,
    label: `${counts.dispatched} of ${total} dispatched`,
    rows: [ [ 'Excluded', counts.excluded ], [ 'Queued', counts.queued ], [ 'Dispatched', counts.dispatched ],
      [ 'Sent', counts.sent ], [ 'Delivered', counts.delivered ], [ 'Read', counts.read ], [ 'Replied', counts.replied ],
      [ 'Failed', counts.failed ] ]
  };
}

function splitList(text) {
  return (text || '').split(',').map(item => item.trim()).filter(Boolean);
}

function splitLines(text) {
  return (text || '').split('\n').map(line => line.trim()).filter(Boolean);
}
