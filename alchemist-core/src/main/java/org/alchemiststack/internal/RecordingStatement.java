package org.alchemiststack.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A prepared statement that passes every call to the driver's and tells a {@link BindRecorder} each value bound to a
 * parameter: used only when the context logs bound values, so the usual path never goes through it. Written out by
 * hand-run generation from {@code java.sql.PreparedStatement}'s methods: no runtime proxy.
 *
 * <p>Not thread-safe, as the statement it wraps.
 */
@SuppressWarnings("deprecation") // it passes on the deprecated methods of the interface too
public final class RecordingStatement implements PreparedStatement {
    private final PreparedStatement target;
    private final BindRecorder recorder;

    RecordingStatement(PreparedStatement target, BindRecorder recorder) {
        this.target = target;
        this.recorder = recorder;
    }

    /** The recorder, for a codec that marks the value it bound as sensitive. */
    public BindRecorder recorder() {
        return recorder;
    }

    @Override
    public void addBatch() throws SQLException {
        target.addBatch();
    }

    @Override
    public void addBatch(String p0) throws SQLException {
        target.addBatch(p0);
    }

    @Override
    public void cancel() throws SQLException {
        target.cancel();
    }

    @Override
    public void clearBatch() throws SQLException {
        target.clearBatch();
    }

    @Override
    public void clearParameters() throws SQLException {
        target.clearParameters();
    }

    @Override
    public void clearWarnings() throws SQLException {
        target.clearWarnings();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        target.closeOnCompletion();
    }

    @Override
    public void close() throws SQLException {
        target.close();
    }

    @Override
    public String enquoteIdentifier(String p0, boolean p1) throws SQLException {
        return target.enquoteIdentifier(p0, p1);
    }

    @Override
    public String enquoteLiteral(String p0) throws SQLException {
        return target.enquoteLiteral(p0);
    }

    @Override
    public String enquoteNCharLiteral(String p0) throws SQLException {
        return target.enquoteNCharLiteral(p0);
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return target.executeBatch();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return target.executeLargeBatch();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return target.executeLargeUpdate();
    }

    @Override
    public long executeLargeUpdate(String p0, int[] p1) throws SQLException {
        return target.executeLargeUpdate(p0, p1);
    }

    @Override
    public long executeLargeUpdate(String p0, String[] p1) throws SQLException {
        return target.executeLargeUpdate(p0, p1);
    }

    @Override
    public long executeLargeUpdate(String p0, int p1) throws SQLException {
        return target.executeLargeUpdate(p0, p1);
    }

    @Override
    public long executeLargeUpdate(String p0) throws SQLException {
        return target.executeLargeUpdate(p0);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return target.executeQuery();
    }

    @Override
    public ResultSet executeQuery(String p0) throws SQLException {
        return target.executeQuery(p0);
    }

    @Override
    public int executeUpdate() throws SQLException {
        return target.executeUpdate();
    }

    @Override
    public int executeUpdate(String p0, int[] p1) throws SQLException {
        return target.executeUpdate(p0, p1);
    }

    @Override
    public int executeUpdate(String p0, String[] p1) throws SQLException {
        return target.executeUpdate(p0, p1);
    }

    @Override
    public int executeUpdate(String p0, int p1) throws SQLException {
        return target.executeUpdate(p0, p1);
    }

    @Override
    public int executeUpdate(String p0) throws SQLException {
        return target.executeUpdate(p0);
    }

    @Override
    public boolean execute() throws SQLException {
        return target.execute();
    }

    @Override
    public boolean execute(String p0, int[] p1) throws SQLException {
        return target.execute(p0, p1);
    }

    @Override
    public boolean execute(String p0, String[] p1) throws SQLException {
        return target.execute(p0, p1);
    }

    @Override
    public boolean execute(String p0, int p1) throws SQLException {
        return target.execute(p0, p1);
    }

    @Override
    public boolean execute(String p0) throws SQLException {
        return target.execute(p0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target.getConnection();
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return target.getFetchDirection();
    }

    @Override
    public int getFetchSize() throws SQLException {
        return target.getFetchSize();
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        return target.getGeneratedKeys();
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return target.getLargeMaxRows();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return target.getLargeUpdateCount();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return target.getMaxFieldSize();
    }

    @Override
    public int getMaxRows() throws SQLException {
        return target.getMaxRows();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return target.getMetaData();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return target.getMoreResults();
    }

    @Override
    public boolean getMoreResults(int p0) throws SQLException {
        return target.getMoreResults(p0);
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        return target.getParameterMetaData();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return target.getQueryTimeout();
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return target.getResultSetConcurrency();
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return target.getResultSetHoldability();
    }

    @Override
    public int getResultSetType() throws SQLException {
        return target.getResultSetType();
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return target.getResultSet();
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return target.getUpdateCount();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return target.getWarnings();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return target.isCloseOnCompletion();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return target.isClosed();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return target.isPoolable();
    }

    @Override
    public boolean isSimpleIdentifier(String p0) throws SQLException {
        return target.isSimpleIdentifier(p0);
    }

    @Override
    public boolean isWrapperFor(Class<?> p0) throws SQLException {
        return target.isWrapperFor(p0);
    }

    @Override
    public void setArray(int index, Array value) throws SQLException {
        target.setArray(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setAsciiStream(int index, InputStream value, int p2) throws SQLException {
        target.setAsciiStream(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setAsciiStream(int index, InputStream value, long p2) throws SQLException {
        target.setAsciiStream(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setAsciiStream(int index, InputStream value) throws SQLException {
        target.setAsciiStream(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal value) throws SQLException {
        target.setBigDecimal(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setBinaryStream(int index, InputStream value, int p2) throws SQLException {
        target.setBinaryStream(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setBinaryStream(int index, InputStream value, long p2) throws SQLException {
        target.setBinaryStream(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setBinaryStream(int index, InputStream value) throws SQLException {
        target.setBinaryStream(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setBlob(int index, InputStream value, long p2) throws SQLException {
        target.setBlob(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setBlob(int index, InputStream value) throws SQLException {
        target.setBlob(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setBlob(int index, Blob value) throws SQLException {
        target.setBlob(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setBoolean(int index, boolean value) throws SQLException {
        target.setBoolean(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setByte(int index, byte value) throws SQLException {
        target.setByte(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setBytes(int index, byte[] value) throws SQLException {
        target.setBytes(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setCharacterStream(int index, Reader value, int p2) throws SQLException {
        target.setCharacterStream(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setCharacterStream(int index, Reader value, long p2) throws SQLException {
        target.setCharacterStream(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setCharacterStream(int index, Reader value) throws SQLException {
        target.setCharacterStream(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setClob(int index, Reader value, long p2) throws SQLException {
        target.setClob(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setClob(int index, Reader value) throws SQLException {
        target.setClob(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setClob(int index, Clob value) throws SQLException {
        target.setClob(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setCursorName(String p0) throws SQLException {
        target.setCursorName(p0);
    }

    @Override
    public void setDate(int index, Date value, Calendar p2) throws SQLException {
        target.setDate(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setDate(int index, Date value) throws SQLException {
        target.setDate(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setDouble(int index, double value) throws SQLException {
        target.setDouble(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setEscapeProcessing(boolean p0) throws SQLException {
        target.setEscapeProcessing(p0);
    }

    @Override
    public void setFetchDirection(int index) throws SQLException {
        target.setFetchDirection(index);
    }

    @Override
    public void setFetchSize(int index) throws SQLException {
        target.setFetchSize(index);
    }

    @Override
    public void setFloat(int index, float value) throws SQLException {
        target.setFloat(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setInt(int index, int value) throws SQLException {
        target.setInt(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setLargeMaxRows(long p0) throws SQLException {
        target.setLargeMaxRows(p0);
    }

    @Override
    public void setLong(int index, long value) throws SQLException {
        target.setLong(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setMaxFieldSize(int index) throws SQLException {
        target.setMaxFieldSize(index);
    }

    @Override
    public void setMaxRows(int index) throws SQLException {
        target.setMaxRows(index);
    }

    @Override
    public void setNCharacterStream(int index, Reader value, long p2) throws SQLException {
        target.setNCharacterStream(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setNCharacterStream(int index, Reader value) throws SQLException {
        target.setNCharacterStream(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setNClob(int index, Reader value, long p2) throws SQLException {
        target.setNClob(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setNClob(int index, Reader value) throws SQLException {
        target.setNClob(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setNClob(int index, NClob value) throws SQLException {
        target.setNClob(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setNString(int index, String value) throws SQLException {
        target.setNString(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setNull(int index, int value, String p2) throws SQLException {
        target.setNull(index, value, p2);
        recorder.set(index, null);
    }

    @Override
    public void setNull(int index, int value) throws SQLException {
        target.setNull(index, value);
        recorder.set(index, null);
    }

    @Override
    public void setObject(int index, Object value, int p2, int p3) throws SQLException {
        target.setObject(index, value, p2, p3);
        recorder.set(index, value);
    }

    @Override
    public void setObject(int index, Object value, int p2) throws SQLException {
        target.setObject(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setObject(int index, Object value, SQLType p2, int p3) throws SQLException {
        target.setObject(index, value, p2, p3);
        recorder.set(index, value);
    }

    @Override
    public void setObject(int index, Object value, SQLType p2) throws SQLException {
        target.setObject(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setObject(int index, Object value) throws SQLException {
        target.setObject(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setPoolable(boolean p0) throws SQLException {
        target.setPoolable(p0);
    }

    @Override
    public void setQueryTimeout(int index) throws SQLException {
        target.setQueryTimeout(index);
    }

    @Override
    public void setRef(int index, Ref value) throws SQLException {
        target.setRef(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setRowId(int index, RowId value) throws SQLException {
        target.setRowId(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setSQLXML(int index, SQLXML value) throws SQLException {
        target.setSQLXML(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setShort(int index, short value) throws SQLException {
        target.setShort(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setString(int index, String value) throws SQLException {
        target.setString(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setTime(int index, Time value, Calendar p2) throws SQLException {
        target.setTime(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setTime(int index, Time value) throws SQLException {
        target.setTime(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setTimestamp(int index, Timestamp value, Calendar p2) throws SQLException {
        target.setTimestamp(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public void setTimestamp(int index, Timestamp value) throws SQLException {
        target.setTimestamp(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setURL(int index, URL value) throws SQLException {
        target.setURL(index, value);
        recorder.set(index, value);
    }

    @Override
    public void setUnicodeStream(int index, InputStream value, int p2) throws SQLException {
        target.setUnicodeStream(index, value, p2);
        recorder.set(index, value);
    }

    @Override
    public <T> T unwrap(Class<T> p0) throws SQLException {
        return target.unwrap(p0);
    }
}
