// The step analytics overlay: per element, contacts waiting there now and contacts that passed it.

/**
 * @param {{elementId: string, active: number, completed: number, replied?: number, noResponse?: number}} element
 * @return {string} the overlay's HTML, or '' when nobody reached the element
 */
export function overlayHtml(element) {
  const { active, completed, replied, noResponse } = element;
  if (!active && !completed) {
    return '';
  }
  const lines = [];
  if (active) {
    lines.push(`<span class="rf-waiting" title="contacts waiting here now">${active} waiting</span>`);
  }
  if (completed) {
    lines.push(`<span class="rf-passed" title="contacts that passed this step">${completed} passed</span>`);
  }
  const answered = (replied || 0) + (noResponse || 0);
  if (answered) {
    lines.push(`<span class="rf-replies" title="replied / No Response">${percent(replied, answered)} replied · ` +
      `${percent(noResponse, answered)} no response</span>`);
  }
  if (active) {
    // the contacts waiting here now become a list (POST /api/automations/{key}/elements/{id}/list)
    lines.push(`<button type="button" class="rf-make-list" data-element="${element.elementId}" `
      + 'title="make a list of the contacts waiting at this step">make a list</button>');
  }
  return `<div class="rf-stats" data-element="${element.elementId}">${lines.join('')}</div>`;
}

function percent(part, whole) {
  return `${Math.round(100 * (part || 0) / whole)}%`;
}
