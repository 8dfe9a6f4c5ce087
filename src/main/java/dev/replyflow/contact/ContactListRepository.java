package dev.replyflow.contact;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ContactListRepository extends JpaRepository<ContactList, Long> {

    Optional<ContactList> findByName(String name);

    boolean existsByName(String name);
}
