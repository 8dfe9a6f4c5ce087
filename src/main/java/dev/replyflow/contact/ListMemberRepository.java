package dev.replyflow.contact;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ListMemberRepository extends JpaRepository<ListMember, ListMember.Key> {

    long countByListId(Long listId);

    @Query("select l from ContactList l where l.id in (select m.listId from ListMember m where m.contactId = :contactId) order by l.name")
    List<ContactList> listsOf(Long contactId);
}
