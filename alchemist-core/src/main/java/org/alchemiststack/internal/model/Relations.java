package org.alchemiststack.internal.model;

import java.lang.invoke.MethodHandle;
import java.util.AbstractList;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.RelationNotLoadedException;
import org.alchemiststack.model.Ref;

/**
 * The parts of relations that live outside a context: making {@link Ref}s in their loaded and missing states, reading
 * the id of an entity a {@code Ref} holds, and the collections that stand for a {@code @OneToMany} no plan loaded.
 */
public final class Relations {
    /** The id getter of every model class any context mapped: the same annotations give the same getter. */
    private static final ConcurrentHashMap<Class<?>, MethodHandle> ID_GETTERS = new ConcurrentHashMap<>();
    private static volatile RefFactory refs;

    private Relations() {
    }

    /** Makes {@link Ref}s in the states only the library creates. */
    public interface RefFactory {
        /** A reference whose entity a fetch plan loaded. */
        <E> Ref<E> loaded(Object id, E entity);

        /** A reference whose target a fetch plan looked for and did not find. */
        <E> Ref<E> missing(Object id, String relation);

        /** A reference read from a row without its entity, naming its relation for the message of get(). */
        <E> Ref<E> unloaded(Object id, String relation);
    }

    /** Called once by {@link Ref}'s static initializer. */
    public static void install(RefFactory factory) {
        refs = factory;
    }

    private static RefFactory refs() {
        RefFactory f = refs;
        if (f == null) {
            try {
                Class.forName(Ref.class.getName(), true, Ref.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            f = refs;
        }
        return f;
    }

    public static <E> Ref<E> loaded(Object id, E entity) {
        return refs().loaded(id, entity);
    }

    public static <E> Ref<E> missing(Object id, String relation) {
        return refs().missing(id, relation);
    }

    public static <E> Ref<E> unloaded(Object id, String relation) {
        return refs().unloaded(id, relation);
    }

    static void registerIdGetter(Class<?> type, MethodHandle getter) {
        ID_GETTERS.putIfAbsent(type, getter);
    }

    /** The id of an entity held by a {@code Ref.of(entity)}. */
    public static Object idOf(Object entity) {
        MethodHandle getter = ID_GETTERS.get(entity.getClass());
        if (getter == null) {
            throw new IllegalStateException("Ref.of(..) holds a " + entity.getClass().getName() + ", which no Context"
                    + " maps as a model. Point relations at registered models.");
        }
        try {
            return getter.invokeExact(entity);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AlchemistException("Reading the id of " + entity.getClass().getSimpleName() + " failed", t);
        }
    }

    /** The exception for a relation no fetch plan loaded. */
    public static RelationNotLoadedException notLoaded(String relation, String field) {
        return new RelationNotLoadedException(relation + " was not loaded, and nothing loads implicitly. Name it in"
                + " the fetch plan of the query or find that read this entity: with(\"" + field + "\") when the entity"
                + " is the query's model (query(..).with(\"" + field + "\"), find(type, id, FetchPlan.with(\"" + field
                + "\")), repository.findById(id, FetchPlan.with(\"" + field + "\"))), or \"<path>." + field + "\" when"
                + " it was itself loaded through a relation.");
    }

    /** Whether a collection field holds the stand-in of a collection that was not loaded. */
    public static boolean isUnloaded(Object collection) {
        return collection instanceof UnloadedList || collection instanceof UnloadedSet;
    }

    /** The stand-in for a {@code List} relation that was not loaded: every method but equals, hashCode, toString throws. */
    static final class UnloadedList<E> extends AbstractList<E> {
        private final String relation;
        private final String field;

        UnloadedList(String relation, String field) {
            this.relation = relation;
            this.field = field;
        }

        @Override
        public E get(int index) {
            throw notLoaded(relation, field);
        }

        @Override
        public int size() {
            throw notLoaded(relation, field);
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "[" + relation + ": not loaded]";
        }
    }

    /** The stand-in for a {@code Set} relation that was not loaded. */
    static final class UnloadedSet<E> extends AbstractSet<E> {
        private final String relation;
        private final String field;

        UnloadedSet(String relation, String field) {
            this.relation = relation;
            this.field = field;
        }

        @Override
        public Iterator<E> iterator() {
            throw notLoaded(relation, field);
        }

        @Override
        public int size() {
            throw notLoaded(relation, field);
        }

        @Override
        public boolean add(E e) {
            throw notLoaded(relation, field);
        }

        @Override
        public boolean addAll(Collection<? extends E> c) {
            throw notLoaded(relation, field);
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "[" + relation + ": not loaded]";
        }
    }
}
