package dev.replyflow.automation.ai;

/**
 * The duty to answer a customer message of a contact that has an AI operator: published in the transaction that stores
 * the message, and kept in Spring Modulith's event publication registry (as JSON, by this class's name: rename it
 * only with a migration of the outstanding rows) until AiOperatorReplies has answered it or handed the chat over.
 */
public record AiAnswerDue(Long messageId, Long contactId, String waMessageId) {
}
