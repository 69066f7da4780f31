package org.alchemiststack.micrometer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.alchemiststack.Context;

/** An open test database; see {@link Db}. */
final class TestDatabase implements AutoCloseable {
    private final String url;
    private final String user;
    private final String drop;

    TestDatabase(String url, String user, String drop) {
        this.url = url;
        this.user = user;
        this.drop = drop;
    }

    /** A builder for a small pool over this database, for the models. */
    Context.Builder builder(Class<?>... models) {
        Context.Builder b = Context.builder().url(url).models(models).maxPoolSize(3).minIdle(0);
        return user == null ? b : b.user(user).password("");
    }

    /** A context with fresh tables for the models. */
    Context context(Class<?>... models) {
        Context ctx = builder(models).build();
        ctx.schema().dropTables();
        ctx.schema().createTables();
        return ctx;
    }

    @Override
    public void close() throws SQLException {
        if (drop != null) {
            try (Connection c = Db.pg(); Statement s = c.createStatement()) {
                s.execute(drop);
            }
        }
    }
}
