package dev.replyflow.messaging.template;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TemplateRepository extends JpaRepository<Template, Long> {

    Optional<Template> findByNameAndLanguage(String name, String language);

    List<Template> findByNameOrderByLanguage(String name);

    boolean existsByNameAndLanguage(String name, String language);
}
