package dev.replyflow.billing;

/** WhatsApp's categories: templates open the first three, free text in the service window opens SERVICE. */
public enum ConversationCategory { MARKETING, UTILITY, AUTHENTICATION, SERVICE }
