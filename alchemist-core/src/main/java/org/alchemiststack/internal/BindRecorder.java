package org.alchemiststack.internal;

import java.io.InputStream;
import java.io.Reader;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The values bound to one statement's parameters, for the SQL log and {@code StatementEvent.parameters()}; a value of
 * a sensitive column is kept only as {@value #MASK}.
 *
 * <p>Not thread-safe: it belongs to the statement being run.
 */
public final class BindRecorder {
    /** What a sensitive value is shown as. */
    public static final String MASK = "****";
    private Object[] values = new Object[8];
    private boolean[] masked = new boolean[8];
    private int count;

    /** The statement to bind through: the driver's, recording into this. */
    public PreparedStatement wrap(PreparedStatement statement) {
        return new RecordingStatement(statement, this);
    }

    void set(int index, Object value) {
        int i = index - 1;
        if (i < 0) {
            return;
        }
        grow(i);
        values[i] = value instanceof InputStream || value instanceof Reader ? "<stream>" : value;
        count = Math.max(count, index);
    }

    /** Marks the value bound to a parameter as sensitive: only the mask is kept. */
    public void mask(int index) {
        int i = index - 1;
        if (i < 0) {
            return;
        }
        grow(i);
        masked[i] = true;
        values[i] = null;
        count = Math.max(count, index);
    }

    private void grow(int i) {
        if (i >= values.length) {
            int n = Math.max(i + 1, values.length * 2);
            values = Arrays.copyOf(values, n);
            masked = Arrays.copyOf(masked, n);
        }
    }

    /** The values, in parameter order; a sensitive one as the mask. */
    public List<Object> values() {
        List<Object> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(masked[i] ? MASK : values[i]);
        }
        return Collections.unmodifiableList(out);
    }
}
