package org.alchemiststack.internal.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.alchemiststack.MappingException;

/**
 * Links the relations of a context's models once all are scanned: each relation to its target model, each
 * {@code @OneToMany} to the child's to-one field named by {@code mappedBy}; then ranks the models in foreign-key order
 * (referenced models first), refusing a cycle of foreign keys between models, which no insert order could satisfy.
 */
public final class ModelLinker {
    private ModelLinker() {
    }

    @SuppressWarnings("unchecked")
    public static void link(List<ModelMeta<?>> models) {
        Map<Class<?>, ModelMeta<?>> byType = new HashMap<>();
        for (ModelMeta<?> m : models) {
            byType.put(m.type, m);
        }
        for (ModelMeta<?> m : models) {
            for (RelationMeta r : m.relations) {
                ModelMeta<?> target = byType.get(r.targetType);
                if (target == null) {
                    throw new MappingException(r.name + " refers to " + r.targetType.getName() + ", which is not a"
                            + " model of this context. Add " + r.targetType.getSimpleName() + ".class to"
                            + " Context.builder().models(..).");
                }
                r.owner = (ModelMeta<Object>) m;
                r.target = (ModelMeta<Object>) target;
            }
        }
        for (ModelMeta<?> m : models) {
            for (RelationMeta r : m.relations) {
                if (!r.toOne()) {
                    r.inverse = inverse(r);
                }
            }
        }
        rank(models);
    }

    private static RelationMeta inverse(RelationMeta r) {
        RelationMeta back = r.target.relationOrNull(r.mappedBy);
        if (back == null || !back.toOne() || back.targetType != r.owner.type) {
            throw new MappingException(r.name + ": mappedBy = \"" + ModelMeta.printable(r.mappedBy) + "\" must name the"
                    + " @ManyToOne field of " + r.targetType.getSimpleName() + " that points back to "
                    + r.owner.type.getSimpleName() + " (a Ref<" + r.owner.type.getSimpleName() + ">). "
                    + r.targetType.getSimpleName() + " has relations " + r.target.relationNames() + ".");
        }
        if (back.oneToOne) {
            throw new MappingException(r.name + ": mappedBy names " + back.name + ", a @OneToOne, which allows one "
                    + r.targetType.getSimpleName() + " per " + r.owner.type.getSimpleName() + "; make it @ManyToOne"
                    + " or read it with a query.");
        }
        return back;
    }

    /** Kahn's algorithm over the to-one edges between distinct models; what is left over lies on a cycle. */
    private static void rank(List<ModelMeta<?>> models) {
        Map<ModelMeta<?>, Integer> pending = new HashMap<>();
        for (ModelMeta<?> m : models) {
            int n = 0;
            for (RelationMeta r : m.toOne) {
                if (r.target == m) {
                    m.selfReferencing = true;
                } else {
                    n++;
                }
            }
            pending.put(m, n);
        }
        List<ModelMeta<?>> ready = new ArrayList<>();
        for (ModelMeta<?> m : models) {
            if (pending.get(m) == 0) {
                ready.add(m);
            }
        }
        int next = 0;
        for (int i = 0; i < ready.size(); i++) {
            ModelMeta<?> done = ready.get(i);
            done.rank = next++;
            for (ModelMeta<?> m : models) {
                for (RelationMeta r : m.toOne) {
                    if (r.target == done && m != done) {
                        int left = pending.merge(m, -1, Integer::sum);
                        if (left == 0) {
                            ready.add(m);
                        }
                    }
                }
            }
        }
        if (ready.size() < models.size()) {
            List<String> cycle = new ArrayList<>();
            for (ModelMeta<?> m : models) {
                if (pending.get(m) > 0) {
                    for (RelationMeta r : m.toOne) {
                        if (r.target != m && pending.get(r.target) > 0) {
                            cycle.add(r.name + " -> " + r.targetType.getSimpleName());
                        }
                    }
                }
            }
            throw new MappingException("The foreign keys of these models form a cycle: " + cycle + ". No order of"
                    + " inserts and deletes could satisfy them. Break the cycle: drop one of these relations and keep"
                    + " its id as a plain column, or point it the other way.");
        }
    }
}
