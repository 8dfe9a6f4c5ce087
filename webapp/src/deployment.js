// What a refused deployment says, element by element (Camunda's REST answer to POST /deployment/create).

/**
 * @param {object} answer the JSON body of a 400 from /engine-rest/deployment/create
 * @param {string[]} elementIds the ids of the diagram's elements
 * @return {{elementId: string|null, message: string}[]}
 */
export function deploymentProblems(answer, elementIds) {
  const errors = Object.values(answer && answer.details || {}).flatMap(report => report.errors || []);
  if (!errors.length) {
    return [ { elementId: null, message: (answer && answer.message) || 'The deployment was refused' } ];
  }
  // Replyflow's validator reports every misconfigured step in one error, each in [brackets] naming its element
  return errors.flatMap(error => splitProblems(error.message).map(message => ({
    elementId: quotedId(message, elementIds) || error.mainElementId || null,
    message
  })));
}

function splitProblems(message) {
  const parts = [ ...String(message).matchAll(/\[([^\]]+)\]/g) ].map(match => match[1].trim());
  return parts.length ? parts : [ String(message) ];
}

function quotedId(message, elementIds) {
  return elementIds.filter(id => message.includes(`'${id}'`)).sort((a, b) => b.length - a.length)[0];
}
