package org.alchemiststack.model;

import jakarta.persistence.Id;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.MappingException;
import org.alchemiststack.NotFoundException;
import org.alchemiststack.RelationNotLoadedException;

/**
 * A to-one relation: the field type of a {@code @ManyToOne} or {@code @OneToOne} field. It always knows the id of the
 * row it points to (the foreign-key value); it holds the entity itself only when a fetch plan loaded it, or when the
 * application made it from an entity with {@link #of(Object)}.
 *
 * <pre>{@code
 * @ManyToOne @JoinColumn(name = "customer_id")
 * Ref<Customer> customer;
 *
 * order.customer.id();      // always there: the foreign-key value
 * order.customer.get();     // the Customer, when loaded with query(Order.class).with("customer")
 * }</pre>
 *
 * <p>Nothing loads behind the application's back: {@link #get()} on a reference that no fetch plan loaded throws
 * {@link RelationNotLoadedException} and never runs a query. A {@code null} field means the foreign key is NULL: there
 * is no related row, which the row itself says, so no loading is needed to know it.
 *
 * <p>Equality follows the row: two references are equal when they point to the same id, or, while the target has no
 * id yet, to the same instance.
 *
 * <p>Instances are immutable after construction, apart from the entity they hold, and safe to share between threads
 * when that entity is.
 *
 * @param <T> the model the relation points to
 */
public final class Ref<T> {
    private static final byte BY_ID = 0;
    private static final byte LOADED = 1;
    private static final byte MISSING = 2;

    private final Object id;
    private final T entity;
    private final byte state;
    private final String relation;

    /** The {@code @Id} getter of each class a {@code Ref.of(entity)} held, found once per class. */
    private static final ClassValue<MethodHandle> ID_GETTERS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.isAnnotationPresent(Id.class)) {
                        Module library = Ref.class.getModule();
                        library.addReads(c.getModule());
                        try {
                            return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).unreflectGetter(f)
                                    .asType(MethodType.methodType(Object.class, Object.class));
                        } catch (IllegalAccessException e) {
                            String pkg = c.getPackageName();
                            String name = library.isNamed() ? library.getName() : "org.alchemiststack";
                            throw new MappingException(c.getName() + " cannot be accessed by alchemist-stack: module "
                                    + c.getModule().getName() + " does not open package " + pkg + " to " + name
                                    + ". Add the line 'opens " + pkg + " to " + name + ";' to the module-info.java of "
                                    + c.getModule().getName() + ".", e);
                        }
                    }
                }
            }
            return null;
        }
    };

    /** Also used, through a private lookup, by the library for the loaded, missing and unloaded states. */
    private Ref(Object id, T entity, byte state, String relation) {
        this.id = id;
        this.entity = entity;
        this.state = state;
        this.relation = relation;
    }

    /**
     * A reference to the row with this id, without the entity: what the application writes to point a foreign key at
     * an existing row it has not loaded.
     *
     * @param id the id of the referenced row, not {@code null}
     * @param <T> the referenced model
     * @return an unloaded reference
     * @throws IllegalArgumentException when {@code id} is {@code null}: a NULL foreign key is a {@code null} field
     */
    public static <T> Ref<T> to(Object id) {
        if (id == null) {
            throw new IllegalArgumentException("Ref.to(null): a reference needs an id. For no related row, set the"
                    + " field to null.");
        }
        return new Ref<>(id, null, BY_ID, null);
    }

    /**
     * A reference to an entity the application holds, a new one among them: when the entity has no id yet (an
     * {@code IDENTITY} id), the session inserts it first and takes its generated id for the foreign key.
     *
     * @param entity the referenced entity, not {@code null}
     * @param <T> the referenced model
     * @return a loaded reference
     */
    public static <T> Ref<T> of(T entity) {
        if (entity == null) {
            throw new IllegalArgumentException("Ref.of(null): a reference needs an entity. For no related row, set"
                    + " the field to null.");
        }
        return new Ref<>(null, entity, LOADED, null);
    }

    /**
     * The id of the referenced row: the foreign-key value. For a reference made with {@link #of(Object)}, the
     * entity's current id, which is {@code null} until a new entity is inserted.
     *
     * @return the id, or {@code null} when the referenced entity has no id yet
     * @throws MappingException when the entity's class is in a module that does not open its package to
     *     {@code org.alchemiststack}; the message names the {@code opens} line to add
     */
    public Object id() {
        if (id != null || entity == null) {
            return id;
        }
        MethodHandle getter = ID_GETTERS.get(entity.getClass());
        if (getter == null) {
            throw new IllegalStateException("Ref.of(..) holds a " + entity.getClass().getName() + ", which has no"
                    + " accessible @Id field, so it is not a model. Point relations at models.");
        }
        try {
            return getter.invokeExact(entity);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AlchemistException("Reading the id of " + entity.getClass().getSimpleName() + " failed", t);
        }
    }

    /**
     * The referenced entity.
     *
     * @return the entity
     * @throws RelationNotLoadedException when no fetch plan loaded it; the message names the plan that would
     * @throws NotFoundException when the plan looked for it and the row did not exist (it was deleted by another unit
     *     of work between the statements that loaded the graph)
     */
    public T get() {
        if (state == LOADED) {
            return entity;
        }
        if (state == MISSING) {
            throw new NotFoundException("The row with id " + id + " that " + (relation == null ? "this reference"
                    : relation) + " points to did not exist when the fetch plan loaded it: another unit of work"
                    + " deleted it. Reload the graph in one transaction to see a consistent state.");
        }
        throw RelationNotLoadedException.forRelation(relation == null ? "this reference" : relation,
                relationField());
    }

    private String relationField() {
        if (relation == null) {
            return "<relation>";
        }
        int dot = relation.lastIndexOf('.');
        return dot < 0 ? relation : relation.substring(dot + 1);
    }

    /**
     * Whether the entity is here: {@link #get()} returns it without throwing.
     *
     * @return {@code true} when loaded
     */
    public boolean isLoaded() {
        return state == LOADED;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Ref<?> other)) {
            return false;
        }
        Object a = id();
        Object b = other.id();
        if (a == null || b == null) {
            return a == null && b == null && entity != null && entity == other.entity;
        }
        return integral(a) && integral(b) ? ((Number) a).longValue() == ((Number) b).longValue() : a.equals(b);
    }

    /** Ids of any integral type compare by value: {@code Ref.to(1)} equals a reference to the row with id 1L. */
    private static boolean integral(Object id) {
        return id instanceof Long || id instanceof Integer || id instanceof Short || id instanceof Byte;
    }

    @Override
    public int hashCode() {
        Object i = id();
        if (i == null) {
            return System.identityHashCode(entity);
        }
        return integral(i) ? Long.hashCode(((Number) i).longValue()) : i.hashCode();
    }

    @Override
    public String toString() {
        Object i = id();
        String target = entity != null ? entity.getClass().getSimpleName() + "#" + i : "#" + i;
        return "Ref[" + target + (state == LOADED ? ", loaded]" : state == MISSING ? ", missing]" : "]");
    }
}
