package dev.replyflow.contact;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A tag's row, inserted so that two transactions using a new tag at once (two contacts tagged by their automations)
 * do not fail on its primary key: PostgreSQL's ON CONFLICT DO NOTHING, H2's MERGE … KEY, each of which waits for the
 * other transaction instead of failing. Tags are never deleted, so a name whose row has committed is not looked up
 * again by this node (the lookup was 6 % of a reply's CPU, each Add Tag making one); a name is only remembered once
 * the transaction that found or made its row has committed, as a rolled-back row would otherwise be taken for there.
 */
class TagRepositoryImpl implements TagInserts {

    private static final int REMEMBERED = 10_000;

    private final JdbcTemplate jdbc;
    private final String sql;
    private final Set<String> committed = ConcurrentHashMap.newKeySet();

    TagRepositoryImpl(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.sql = Databases.isPostgres(jdbc)
                ? "insert into tag (name, created_at) values (?, ?) on conflict (name) do nothing"
                : "merge into tag (name, created_at) key (name) values (?, ?)";
    }

    @Override
    public void ensure(String name, Instant at) {
        if (committed.contains(name)) {
            return;
        }
        // a lookup first: H2's MERGE would rewrite an existing tag's created_at
        if (jdbc.queryForList("select 1 from tag where name = ?", Integer.class, name).isEmpty()) {
            jdbc.update(sql, name, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    if (committed.size() >= REMEMBERED) { // a bound, not a policy: forgotten names are looked up again
                        committed.clear();
                    }
                    committed.add(name);
                }
            });
        }
    }
}
