package dev.replyflow.contact;

import java.util.List;

/** A CSV import added these contacts to a list (only the new members): the list-added trigger, in bulk. */
public record ContactsImportedToList(Long listId, String listName, List<Member> members) {

    public record Member(Long contactId, String phone) {
    }
}
