package dev.replyflow.contact;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ContactNoteRepository extends JpaRepository<ContactNote, Long> {

    List<ContactNote> findByContactIdOrderByCreatedAtAscIdAsc(Long contactId);
}
