package dev.replyflow.contact;

/** A contact joined a list (by API or an automation step): the list-added:&lt;list&gt; trigger. */
public record ContactAddedToList(Long listId, String listName, Long contactId, String phone) {
}
