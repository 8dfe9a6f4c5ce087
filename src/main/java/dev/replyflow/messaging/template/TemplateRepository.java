package dev.replyflow.messaging.template;

import java.util.List;

import jakarta.persistence.QueryHint;

import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

public interface TemplateRepository extends JpaRepository<Template, Long> {

    @Query("select t from Template t where t.name = :name order by t.language")
    List<Template> findByNameOrderByLanguage(@Param("name") String name);

    /** As {@link #findByNameOrderByLanguage}, read-only for a send: never dirty-checked (buttons converted) at a flush. */
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    @Query("select t from Template t where t.name = :name order by t.language")
    List<Template> findToSend(@Param("name") String name);

    boolean existsByNameAndLanguage(String name, String language);
}
