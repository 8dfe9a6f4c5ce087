// Camunda Modeler plugin manifest. dist/ is built by `mvn package` (or `npm run build` in webapp/) from webapp/src.
module.exports = {
  name: 'Replyflow',
  script: './dist/client.js',
  style: './dist/client.css'
};
