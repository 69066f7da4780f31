package org.alchemiststack;

/**
 * Thrown when the application touches a relation that no fetch plan loaded: {@link org.alchemiststack.model.Ref#get()}
 * on an unloaded reference, or any method of an unloaded {@code @OneToMany} collection. Nothing loads implicitly, so
 * this is never a query and never an empty result; the message names the relation and the fetch plan that loads it,
 * for example {@code query(Order.class).with("lines")}.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public class RelationNotLoadedException extends AlchemistException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the relation and the fetch plan that would load it
     */
    public RelationNotLoadedException(String message) {
        super(message);
    }

    /**
     * The exception for one relation, with the fetch plans that would load it.
     *
     * @param relation the relation, as {@code Model.field}
     * @param field the field name, the path segment a plan names
     * @return the exception
     */
    public static RelationNotLoadedException forRelation(String relation, String field) {
        return new RelationNotLoadedException(relation + " was not loaded, and nothing loads implicitly. Name it in"
                + " the fetch plan of the query or find that read this entity: with(\"" + field + "\") when the entity"
                + " is the query's model (query(..).with(\"" + field + "\"), find(type, id, FetchPlan.with(\"" + field
                + "\")), repository.findById(id, FetchPlan.with(\"" + field + "\"))), or \"<path>." + field
                + "\" when it was itself loaded through a relation.");
    }
}
