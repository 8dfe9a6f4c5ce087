/**
 * Signed webhook deliveries, one pipeline for all (WhatsApp, Shopify and WooCommerce, Twilio voice): read bounded,
 * verify, dedupe, store with the hand-off duty in one transaction, answer, and run the hand-off as an engine job (or
 * at once after the commit, its job the fallback: WhatsApp).
 * Depends on nothing of the features that use it.
 */
package dev.replyflow.delivery;
