import { palette, templateById } from '../catalogue.js';
import { inputParameters, isExpression, length } from './step-parameters.js';

/**
 * Reply buttons and list rows within WhatsApp's limits, declared in the Java step catalogue (palette "items") and read
 * as the Java ItemLines reads them: "id=Title", or "Title" as its own id; " | Description" where descriptions are
 * allowed; "# Title" lines starting sections where sections are. Same messages as the deploy-time validator.
 */
export default function stepItems() {
  function check(node, reporter) {
    const templateId = node.get ? node.get('camunda:modelerTemplate') : undefined;
    const step = templateId && palette.steps.find(candidate => candidate.templateId === templateId);
    if (!step || !step.items) {
      return;
    }
    const values = inputParameters(node);
    const template = templateById(templateId);
    Object.entries(step.items).filter(([ name ]) => values[name] && !isExpression(values[name])).forEach(([ name, format ]) => {
      const property = template.properties.find(p => p.binding.name === name);
      problems(parse(values[name].split(/\r\n|\r|\n/), format), format)
        .forEach(problem => reporter.report(node.id, `${step.name}: ${property ? property.label : name}: ${problem}`));
    });
  }
  return { check };
}

export function parse(lines, format) {
  const groups = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) {
      continue;
    }
    if (format.sectionTitleMax > 0 && line.startsWith('#')) {
      groups.push({ title: line.substring(1).trim(), items: [] });
      continue;
    }
    if (!groups.length) {
      groups.push({ title: null, items: [] });
    }
    const eq = line.indexOf('=');
    let rest = eq > 0 ? line.substring(eq + 1) : line;
    let description = null;
    const bar = format.descriptionMax > 0 ? rest.indexOf('|') : -1;
    if (bar >= 0) {
      description = rest.substring(bar + 1).trim() || null;
      rest = rest.substring(0, bar);
    }
    const title = rest.trim();
    groups[groups.length - 1].items.push({ id: eq > 0 ? line.substring(0, eq).trim() : title, title, description });
  }
  return groups;
}

export function problems(groups, format) {
  const found = [];
  const noun = format.noun;
  const tooLong = (what, value, max) => {
    if (length(value) > max) {
      found.push(`${what} has ${length(value)} characters, at most ${max}`);
    }
  };
  const count = groups.reduce((sum, group) => sum + group.items.length, 0);
  if (count > format.max) {
    found.push(`has ${count} ${noun}s, WhatsApp allows at most ${format.max}`);
  }
  if (groups.length > 1 && groups.some(group => group.title === null)) {
    found.push(`with several sections, every ${noun} belongs to one with a title (a line '# Title' above it)`);
  }
  const ids = new Set();
  for (const group of groups) {
    if (group.title !== null) {
      const section = `section '${group.title}'`;
      if (!group.title) {
        found.push("a section line '#' needs a title");
      } else {
        tooLong(`${section}: the title`, group.title, format.sectionTitleMax);
      }
      if (!group.items.length) {
        found.push(`${section} has no ${noun}s`);
      }
    }
    for (const item of group.items) {
      const what = `${noun} '${item.id}'`;
      if (!item.id) {
        found.push(`${noun} '${item.title}' has an empty id`);
      }
      tooLong(`${what}: the id`, item.id, format.idMax);
      if (!item.title) {
        found.push(`${what} has no title`);
      }
      tooLong(`${what}: the title`, item.title, format.titleMax);
      if (item.description !== null) {
        tooLong(`${what}: the description`, item.description, format.descriptionMax);
      }
      if (item.id && ids.has(item.id)) {
        found.push(`the id '${item.id}' is used twice`);
      }
      ids.add(item.id);
    }
  }
  return found;
}
