package dev.replyflow.contact;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TagRepository extends JpaRepository<Tag, String>, TagInserts {
}
