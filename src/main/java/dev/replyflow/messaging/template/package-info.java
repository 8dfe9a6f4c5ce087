/**
 * Message templates: published to the features that send them (campaigns check a template before launch).
 */
@org.springframework.modulith.NamedInterface("template")
package dev.replyflow.messaging.template;
