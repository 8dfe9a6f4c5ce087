// Camunda Modeler plugin manifest. dist/ is bundled from client/ by `mvn package` (or `npm run build` in webapp/).
module.exports = {
  name: 'Replyflow',
  script: './dist/client.js',
  style: './dist/client.css'
};
