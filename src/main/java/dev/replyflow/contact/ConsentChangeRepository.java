package dev.replyflow.contact;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ConsentChangeRepository extends JpaRepository<ConsentChange, Long> {

    List<ConsentChange> findByContactIdOrderByChangedAtAscIdAsc(Long contactId);
}
