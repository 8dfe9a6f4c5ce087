// Cockpit's configuration. It replaces the config.js of camunda-webapp-webjar, where every option is commented
// out: so Cockpit keeps its defaults, and only what is set here changes. Options are described in Camunda's
// docs, "Cockpit > Extend > Configuration".
export default {
  // ES modules under app/cockpit/, named without ".js"
  customScripts: [
    'scripts/replyflow-tab' // the Replyflow tab on a process instance: contact, messages, conversations
  ]
};
