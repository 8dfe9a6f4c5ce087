package dev.replyflow.contact;

/** A contact was blocked; {@code actor} is who did it (a user, or automation:&lt;key&gt;). */
public record ContactBlocked(Long contactId, String phone, String actor) {
}
