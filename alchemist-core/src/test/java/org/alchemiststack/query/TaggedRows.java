package org.alchemiststack.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

/**
 * The repository of {@link Tagged}, the order the database must give (NULL lowest), and complete keyset walks in both
 * directions, every cursor passed through its token.
 */
final class TaggedRows extends RepositoryBase<Tagged, Long> {

    /** The ids a walk forward from the first page and then back from the last page visited, in sort order. */
    record Walk(List<Long> forward, List<Long> backward) {
    }

    TaggedRows(Context ctx) {
        super(ctx, Tagged.class);
    }

    /** Walks forward to the end, then backward from the last page to the start, checking each page's shape. */
    Walk walk(Order[] sort, int size) {
        List<Long> forward = new ArrayList<>();
        CursoredPage<Tagged> page = query().orderBy(sort).after(null).cursoredPage(size);
        assertThat(page.previous()).as("the first page has no previous page").isNull();
        while (true) {
            assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
            forward.addAll(ids(page.items()));
            if (!page.hasNext()) {
                break;
            }
            assertThat(page.items()).hasSize(size);
            Cursor next = Cursor.fromToken(page.next().token());
            assertThat(next).isEqualTo(page.next());
            page = query().orderBy(sort).after(next).cursoredPage(size);
            assertThat(page.previous()).as("a later page has a previous page").isNotNull();
        }
        List<Long> backward = new ArrayList<>(ids(page.items()));
        while (page.previous() != null) {
            Cursor previous = Cursor.fromToken(page.previous().token());
            assertThat(previous).isEqualTo(page.previous());
            page = query().orderBy(sort).before(previous).cursoredPage(size);
            assertThat(page.items()).isNotEmpty().hasSizeLessThanOrEqualTo(size);
            assertThat(page.next()).as("a page read backwards has a next page").isNotNull();
            backward.addAll(0, ids(page.items()));
        }
        return new Walk(forward, backward);
    }

    /** The ids in the order of {@code list()} with the sort and the id after it, as keyset pages complete it. */
    List<Long> listed(Order[] sort) {
        Order[] full = java.util.Arrays.copyOf(sort, sort.length + 1);
        full[sort.length] = new Order("id", sort[sort.length - 1].ascending());
        return ids(query().orderBy(full).list());
    }

    /** The order Order's javadoc promises: NULL lowest in every key, the id last in the last key's direction. */
    static Comparator<Tagged> comparator(Order[] sort) {
        Comparator<Tagged> cmp = null;
        for (Order o : sort) {
            Comparator<Tagged> key = key(o.field());
            key = o.ascending() ? key : key.reversed();
            cmp = cmp == null ? key : cmp.thenComparing(key);
        }
        Comparator<Tagged> byId = Comparator.comparing(t -> t.id);
        return cmp.thenComparing(sort[sort.length - 1].ascending() ? byId : byId.reversed());
    }

    private static Comparator<Tagged> key(String field) {
        return switch (field) {
            case "grp" -> nullsLowest(t -> t.grp);
            case "tag" -> nullsLowest(t -> t.tag);
            case "day" -> nullsLowest(t -> t.day);
            case "rank" -> Comparator.comparingInt(t -> t.rank);
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static <K extends Comparable<K>> Comparator<Tagged> nullsLowest(Function<Tagged, K> f) {
        return Comparator.comparing(f, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    static List<Long> ids(List<Tagged> rows) {
        return rows.stream().map(t -> t.id).toList();
    }

    static LocalDate day(int d) {
        return LocalDate.of(2024, 1, d);
    }
}
