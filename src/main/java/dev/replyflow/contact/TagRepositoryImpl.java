package dev.replyflow.contact;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tag's row, inserted so that two transactions using a new tag at once (two contacts tagged by their automations)
 * do not fail on its primary key: PostgreSQL's ON CONFLICT DO NOTHING, H2's MERGE … KEY, each of which waits for the
 * other transaction instead of failing.
 */
class TagRepositoryImpl implements TagInserts {

    private final JdbcTemplate jdbc;
    private final String sql;

    TagRepositoryImpl(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.sql = Databases.isPostgres(jdbc)
                ? "insert into tag (name, created_at) values (?, ?) on conflict (name) do nothing"
                : "merge into tag (name, created_at) key (name) values (?, ?)";
    }

    @Override
    public void insertIfAbsent(String name, Instant at) {
        jdbc.update(sql, name, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
