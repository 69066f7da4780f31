package org.alchemiststack.internal.model;

import java.lang.invoke.MethodHandle;
import java.util.AbstractList;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.alchemiststack.AlchemistException;
import org.alchemiststack.RelationNotLoadedException;
import org.alchemiststack.model.Ref;

/**
 * The parts of relations that live outside a context: making {@link Ref}s in the states only the library creates
 * (loaded by a plan, missing, unloaded with its relation's name), and the collections that stand for a
 * {@code @OneToMany} no plan loaded.
 */
public final class Relations {
    private static final MethodHandle NEW_REF;
    private static final byte LOADED = 1;
    private static final byte MISSING = 2;
    private static final byte BY_ID = 0;

    static {
        try {
            NEW_REF = MethodHandles.privateLookupIn(Ref.class, MethodHandles.lookup())
                    .findConstructor(Ref.class, MethodType.methodType(void.class, Object.class, Object.class,
                            byte.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Relations() {
    }

    /** A reference whose entity a fetch plan loaded. */
    public static <E> Ref<E> loaded(Object id, E entity) {
        return make(id, entity, LOADED, null);
    }

    /** A reference whose target a fetch plan looked for and did not find. */
    public static <E> Ref<E> missing(Object id, String relation) {
        return make(id, null, MISSING, relation);
    }

    /** A reference read from a row without its entity, naming its relation for the message of get(). */
    public static <E> Ref<E> unloaded(Object id, String relation) {
        return make(id, null, BY_ID, relation);
    }

    @SuppressWarnings("unchecked")
    private static <E> Ref<E> make(Object id, Object entity, byte state, String relation) {
        try {
            return (Ref<E>) (Ref<?>) NEW_REF.invokeExact(id, entity, state, relation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AlchemistException("Making a reference failed", t);
        }
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
            throw RelationNotLoadedException.forRelation(relation, field);
        }

        @Override
        public int size() {
            throw RelationNotLoadedException.forRelation(relation, field);
        }

        @Override
        public java.util.Iterator<E> iterator() {
            throw RelationNotLoadedException.forRelation(relation, field);
        }

        @Override
        public java.util.ListIterator<E> listIterator(int index) {
            throw RelationNotLoadedException.forRelation(relation, field);
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
            throw RelationNotLoadedException.forRelation(relation, field);
        }

        @Override
        public int size() {
            throw RelationNotLoadedException.forRelation(relation, field);
        }

        @Override
        public boolean add(E e) {
            throw RelationNotLoadedException.forRelation(relation, field);
        }

        @Override
        public boolean addAll(Collection<? extends E> c) {
            throw RelationNotLoadedException.forRelation(relation, field);
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
