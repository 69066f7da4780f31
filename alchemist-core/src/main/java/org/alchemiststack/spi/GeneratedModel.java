package org.alchemiststack.spi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.alchemiststack.model.ValueCodec;

/**
 * The mapper that {@code alchemist-processor} generates for one model at compile time. <strong>Implemented by
 * generated code only</strong>: applications never implement it, and its methods may change between versions, which
 * is what {@link #SPI_VERSION} is for.
 *
 * <p>When a context is built, the library looks for a class named {@code <package>.<SimpleName>_AlchemistModel}
 * (for a nested model {@code <package>.<Outer>$<Inner>_AlchemistModel}, from its binary name) with the model's class loader. Without one
 * the model is read and written through method handles, as always. With one, the library checks that
 * {@link #spiVersion()} equals {@link #SPI_VERSION} and that {@link #fields()} and {@link #fieldTypes()} match the
 * model's mapped fields as the library scans them; any difference fails {@code build()} with a
 * {@link org.alchemiststack.MappingException} asking to recompile with the current processor. Then the generated
 * class replaces the reflective parts: creating instances (the no-argument constructor or the record's canonical
 * constructor, called directly) and reading and writing fields. Values still go through the dialect's codecs.
 *
 * <p>Column values travel as an {@code Object[]} indexed like the fields: index {@code i} is {@code fields().get(i)}.
 * A primitive field's value is its box; {@code null} for a primitive means "not read", which leaves a class field as
 * its constructor set it and passes the type's default to a record constructor.
 *
 * <p>Thread safety: generated implementations are stateless and safe to use from any thread; the instances they
 * read and write are not, as with the reflective path.
 *
 * @param <T> the model type
 */
public interface GeneratedModel<T> {
    /**
     * The version of this interface. A generated class returns the value it was compiled against from
     * {@link #spiVersion()}; the library refuses a class whose version differs.
     */
    int SPI_VERSION = 2;

    /**
     * The {@link #SPI_VERSION} the generated class was compiled against.
     *
     * @return the version of this interface the class implements
     */
    int spiVersion();

    /**
     * The model class this mapper is for.
     *
     * @return the model class
     */
    Class<T> modelType();

    /**
     * The mapped field names, in column order: superclass fields first, then declaration order.
     *
     * @return the field names
     */
    List<String> fields();

    /**
     * The declared types of the mapped fields, in column order.
     *
     * @return the field types, primitives as their primitive class
     */
    List<Class<?>> fieldTypes();

    /**
     * What the generated code relies on beyond the mapped fields' names and types, so that a class compiled against
     * another version of the model is refused at {@code build()} rather than failing or misplacing values later. For
     * a record: every component in order, with its type and whether it is mapped (the canonical constructor the code
     * calls). For a class: the access of the no-argument constructor and, per mapped field, its declaring class and
     * access. The library computes the same text from the model class and compares.
     *
     * @return the shape, in the library's format
     */
    String shape();

    /**
     * Creates an instance from column values in column order.
     *
     * @param values one value per field; {@code null} for a primitive leaves its default
     * @return a new instance
     * @throws ClassCastException when a value has the wrong type
     */
    T newInstance(Object[] values);

    /**
     * Reads the current row of a result set into a new instance: column {@code i + 1} is field {@code i}, so the
     * result set selects the model's columns in field order.
     *
     * <p>{@code codecs[i]} is the codec of field {@code i}, or {@code null} when the dialect's codec for it is the
     * plain JDBC getter of the field's type: {@code getBoolean}, {@code getShort}, {@code getInt}, {@code getLong},
     * {@code getFloat}, {@code getDouble} (each followed by {@code wasNull()} when it returns zero or false),
     * {@code getString} or {@code getBigDecimal}. The library passes {@code null} only for fields of those types
     * (primitive or boxed, {@code String}, {@code BigDecimal}); the generated code then calls the getter directly,
     * without boxing a primitive, and calls {@link ValueCodec#read} otherwise.
     *
     * <p>When {@code values} is not {@code null}, element {@code i} receives the value the codec read for field
     * {@code i}, exactly as {@link ValueCodec#read} returns it: {@code null} for SQL NULL, a primitive boxed. The
     * library takes its dirty-tracking snapshot from it. The instance is the one {@link #newInstance} would make
     * from that array.
     *
     * @param resultSet the result set, positioned on a row
     * @param codecs one codec per field, {@code null} where the plain getter applies
     * @param values an array to receive the values read, one per field, or {@code null}
     * @return a new instance
     * @throws SQLException when the driver cannot read a column
     */
    T read(ResultSet resultSet, ValueCodec[] codecs, Object[] values) throws SQLException;

    /**
     * Reads every mapped field of an instance.
     *
     * @param entity the instance
     * @return a new array with one value per field, primitives boxed
     */
    Object[] values(T entity);

    /**
     * Reads one mapped field.
     *
     * @param entity the instance
     * @param index the field's column index
     * @return its value, a primitive boxed
     */
    Object get(T entity, int index);

    /**
     * Writes one mapped field of a class instance, such as the id after an insert or the next version; records are
     * immutable and throw.
     *
     * @param entity the instance
     * @param index the field's column index
     * @param value the value; {@code null} on a primitive field throws {@link NullPointerException}
     * @throws UnsupportedOperationException for a record
     */
    void set(T entity, int index, Object value);
}
