package org.alchemiststack.bench.graph;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts what the code above it sends: every {@code execute*} call on a statement it prepared
 * (a JDBC batch counts once), with its SQL text, and every {@code commit} and {@code rollback}. The same counter for every system, at the
 * JDBC boundary, so no library's own bookkeeping is trusted. Dynamic proxies cost a little per call, so the benchmark
 * uses it only for the verification run in set-up, never in measured code.
 *
 * <p>Thread-safe: the counters are {@code LongAdder}s; the proxies add no state of their own.
 */
public final class CountingDataSource implements DataSource {
    private final DataSource delegate;
    private final LongAdder statements = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder rollbacks = new LongAdder();
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    /**
     * Wraps a data source.
     *
     * @param delegate the data source, usually a pool
     */
    public CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /**
     * @return statements executed since the last reset
     */
    public long statements() {
        return statements.sum();
    }

    /**
     * @return commits and rollbacks since the last reset
     */
    public long transactionEnds() {
        return commits.sum() + rollbacks.sum();
    }

    /**
     * @return the text of each statement executed since the last reset, in order
     */
    public List<String> sent() {
        synchronized (sent) {
            return new ArrayList<>(sent);
        }
    }

    /** Starts counting from zero. */
    public void reset() {
        sent.clear();
        statements.reset();
        commits.reset();
        rollbacks.reset();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    private Connection wrap(Connection c) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(c));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection target;

        ConnectionHandler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            String name = m.getName();
            if (name.equals("commit")) {
                commits.increment();
            } else if (name.equals("rollback") && (args == null || args.length == 0)) {
                rollbacks.increment();
            }
            Object result = call(target, m, args);
            if (result instanceof Statement s && (name.startsWith("prepare") || name.equals("createStatement"))) {
                Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                        : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                String sql = name.startsWith("prepare") ? (String) args[0] : null;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                        new StatementHandler(s, (Connection) proxy, sql));
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement target;
        private final Connection connection;
        private final String sql;

        StatementHandler(Statement target, Connection connection, String sql) {
            this.target = target;
            this.connection = connection;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            if (m.getName().startsWith("execute")) {
                statements.increment();
                sent.add(args != null && args.length > 0 && args[0] instanceof String text ? text : sql);
            } else if (m.getName().equals("getConnection")) {
                return connection;
            }
            return call(target, m, args);
        }
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
