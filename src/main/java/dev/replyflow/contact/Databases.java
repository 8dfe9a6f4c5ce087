package dev.replyflow.contact;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;

/** Which database Replyflow runs on, for the few statements that H2 and PostgreSQL write differently. */
final class Databases {

    private Databases() {
    }

    static boolean isPostgres(JdbcTemplate jdbc) {
        String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equals(JdbcUtils.commonDatabaseName(product));
    }
}
