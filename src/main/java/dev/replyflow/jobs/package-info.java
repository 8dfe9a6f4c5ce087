/**
 * What Replyflow's own engine jobs (routing, hand-offs, duties, campaign slices) share: their handler, registered by
 * type with the action that reads its plain-text configuration, and the admin view of those still waiting.
 * Depends on no feature.
 */
package dev.replyflow.jobs;
