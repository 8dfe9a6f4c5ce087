package dev.replyflow.contact;

import java.time.Instant;

/** Tag rows created without racing: see TagRepositoryImpl. */
interface TagInserts {

    /**
     * Creates the tag unless it exists, in the caller's transaction; concurrent first uses of one name do not fail
     * each other.
     */
    void ensure(String name, Instant at);
}
