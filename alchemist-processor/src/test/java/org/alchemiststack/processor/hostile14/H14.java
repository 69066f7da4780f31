package org.alchemiststack.processor.hostile14;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.alchemiststack.ContextProbe;

/** Shared helpers of the hostile14 tests: H2 contexts on either path, raw SQL beside the library. */
final class H14 {
    private static final AtomicInteger DB = new AtomicInteger();

    private H14() {
    }

    static Context h2(boolean generated, Class<?>... models) {
        return on("jdbc:h2:mem:h14_" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1", null, generated, models);
    }

    /** A context on any URL (user root for MariaDB), checked to be on the path asked for. */
    static Context on(String url, String user, boolean generated, Class<?>... models) {
        Context.Builder builder = Context.builder().url(url).models(models).maxPoolSize(3).minIdle(0)
                .generatedMappers(generated);
        if (user != null) {
            builder.user(user).password("");
        }
        Context ctx = builder.build();
        for (Class<?> m : models) {
            if (ContextProbe.meta(ctx, m).usesGeneratedMapper() != generated) {
                ctx.close();
                throw new AssertionError(m.getName() + " is not on the " + (generated ? "generated" : "reflective")
                        + " path; the test would prove nothing");
            }
        }
        return ctx;
    }

    /** Runs statements on a connection of its own, auto-committed. */
    static void exec(Context ctx, String... sql) {
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a query, each as a list of column values (getObject), on a connection of its own. */
    static List<List<Object>> rows(Context ctx, String sql) {
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<List<Object>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
