package org.alchemiststack.internal.model;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.alchemiststack.internal.RecordingStatement;
import org.alchemiststack.model.ValueCodec;

/**
 * The codec of a {@code @Sensitive} column: binds and reads as the column's own codec, and when the statement records
 * its bound values for the SQL log, keeps only a mask of this one.
 *
 * <p>Stateless and thread-safe.
 */
public final class SensitiveCodec implements ValueCodec {
    private final ValueCodec codec;

    SensitiveCodec(ValueCodec codec) {
        this.codec = codec;
    }

    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        codec.bind(statement, index, value);
        if (statement instanceof RecordingStatement recording) {
            recording.recorder().mask(index);
        }
    }

    /**
     * Masks a parameter bound without the column's codec (an array of ids, say) when the column is sensitive and the
     * statement records its values.
     */
    public static void maskIfSensitive(ValueCodec codec, PreparedStatement statement, int index) {
        if (codec instanceof SensitiveCodec && statement instanceof RecordingStatement recording) {
            recording.recorder().mask(index);
        }
    }

    @Override
    public Object read(ResultSet resultSet, int index) throws SQLException {
        return codec.read(resultSet, index);
    }
}
