package org.alchemiststack.internal.session;

import java.util.Arrays;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;

/**
 * Every value the library writes into an entity object during a transaction (generated ids, versions, values
 * normalized or re-read from the database), with the value it replaced, so that a rollback, of the whole transaction
 * or to a savepoint, puts the objects back as they were. Records are never changed in place: the library makes new
 * instances, and the application's record stays as it was.
 *
 * <p>Not thread-safe: it belongs to one session.
 */
final class EntityWrites {
    // allocated on the first write: most sessions (every repository call that only reads) write nothing
    private Object[] instances;
    private ColumnMeta[] columns;
    private Object[] previous;
    private int size;

    /**
     * Sets a column of an entity, remembering the old value for a class instance; returns the instance to keep (a
     * new one for a record).
     */
    Object write(ModelMeta<Object> meta, Object instance, ColumnMeta column, Object value) {
        if (meta.record) {
            return meta.with(instance, column, value);
        }
        // a foreign key's field holds a Ref: keep that, not just its id, so a rollback puts the same reference back
        Object old = column.relation() != null ? column.relation().getRaw(instance) : column.get(instance);
        if (instances == null) {
            instances = new Object[8];
            columns = new ColumnMeta[8];
            previous = new Object[8];
        } else if (size == instances.length) {
            int n = size * 2;
            instances = Arrays.copyOf(instances, n);
            columns = Arrays.copyOf(columns, n);
            previous = Arrays.copyOf(previous, n);
        }
        instances[size] = instance;
        columns[size] = column;
        previous[size] = old;
        size++;
        column.set(instance, value);
        return instance;
    }

    /** A position to roll back to. */
    int mark() {
        return size;
    }

    /** Puts back every value written since the mark, newest first. */
    void undoTo(int mark) {
        for (int i = size - 1; i >= mark; i--) {
            columns[i].set(instances[i], previous[i]);
            instances[i] = null;
            previous[i] = null;
            columns[i] = null;
        }
        size = Math.min(size, mark);
    }

    /** Forgets everything: the transaction committed. */
    void clear() {
        if (size > 0) {
            Arrays.fill(instances, 0, size, null);
            Arrays.fill(previous, 0, size, null);
            Arrays.fill(columns, 0, size, null);
            size = 0;
        }
    }
}
