package dev.replyflow.contact;

import java.time.Instant;

/** Tag rows created without racing: see TagRepositoryImpl. */
interface TagInserts {

    /** Creates the tag unless it exists; concurrent first uses of one name do not fail each other. */
    void insertIfAbsent(String name, Instant at);
}
