package org.alchemiststack.relations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.alchemiststack.Context;
import org.alchemiststack.MappingException;
import org.alchemiststack.Session;
import org.alchemiststack.UnknownColumnException;
import org.alchemiststack.model.Ref;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.relations.models.Product;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What relation mapping refuses at build(), and fetch paths checked against the model before any SQL. */
class RelationMappingTest {
    private static final AtomicInteger DB = new AtomicInteger();

    private static Context.Builder h2(Class<?>... models) {
        return Context.builder().url("jdbc:h2:mem:rm" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1").models(models)
                .maxPoolSize(2).minIdle(0);
    }

    private static MappingException refused(Class<?>... models) {
        try {
            h2(models).build().close();
        } catch (MappingException e) {
            return e;
        }
        throw new AssertionError("no MappingException for " + List.of(models));
    }

    @Entity
    static class CycleA {
        @Id
        Long id;
        @ManyToOne
        @JoinColumn(name = "b_id")
        Ref<CycleB> b;
    }

    @Entity
    static class CycleB {
        @Id
        Long id;
        @ManyToOne
        @JoinColumn(name = "a_id")
        Ref<CycleA> a;
    }

    @Test
    void aCycleOfForeignKeysBetweenModelsIsRefusedAtBuild() {
        assertThat(refused(CycleA.class, CycleB.class).getMessage()).contains("cycle").contains("CycleA.b")
                .contains("CycleB.a");
    }

    @Entity
    static class Tag {
        @Id
        Long id;
    }

    @Entity
    static class ManyToManyModel {
        @Id
        Long id;
        @ManyToMany
        List<Tag> tags;
    }

    @Entity
    static class JoinTableModel {
        @Id
        Long id;
        @OneToMany(mappedBy = "x")
        @JoinTable(name = "t")
        List<Tag> tags;
    }

    @Entity
    static class OrderByModel {
        @Id
        Long id;
        @OneToMany(mappedBy = "parent")
        @OrderBy("id")
        List<Child> children;
    }

    @Entity
    static class Child {
        @Id
        Long id;
        @ManyToOne
        Ref<OrderByModel> parent;
    }

    @Entity
    static class NoMappedBy {
        @Id
        Long id;
        @OneToMany
        List<Tag> tags;
    }

    @Entity
    static class PlainEntityField {
        @Id
        Long id;
        @ManyToOne
        Tag tag;
    }

    @Entity
    static class EagerCollection {
        @Id
        Long id;
        @OneToMany(mappedBy = "parent", fetch = FetchType.EAGER)
        List<EagerChild> children;
    }

    @Entity
    static class EagerChild {
        @Id
        Long id;
        @ManyToOne
        Ref<EagerCollection> parent;
    }

    @Entity
    static class WrongMappedBy {
        @Id
        Long id;
        @OneToMany(mappedBy = "nope")
        List<Tag> tags;
    }

    @Entity
    static class CascadeOnToOne {
        @Id
        Long id;
        @ManyToOne(cascade = CascadeType.PERSIST)
        Ref<Tag> tag;
    }

    @Entity
    static class InverseOneToOne {
        @Id
        Long id;
        @OneToOne(mappedBy = "x")
        Ref<Tag> tag;
    }

    @Entity
    static class RawRef {
        @Id
        Long id;
        @SuppressWarnings("rawtypes")
        @ManyToOne
        Ref tag;
    }

    @Test
    void unsupportedRelationMappingIsRefusedNamingTheClassAndField() {
        assertThat(refused(ManyToManyModel.class, Tag.class).getMessage()).contains("ManyToManyModel.tags")
                .contains("@ManyToMany");
        assertThat(refused(JoinTableModel.class, Tag.class).getMessage()).contains("JoinTableModel.tags")
                .contains("@JoinTable");
        assertThat(refused(OrderByModel.class, Child.class).getMessage()).contains("OrderByModel.children")
                .contains("@OrderBy");
        assertThat(refused(NoMappedBy.class, Tag.class).getMessage()).contains("NoMappedBy.tags")
                .contains("mappedBy");
        assertThat(refused(PlainEntityField.class, Tag.class).getMessage()).contains("PlainEntityField.tag")
                .contains("Ref<");
        assertThat(refused(EagerCollection.class, EagerChild.class).getMessage())
                .contains("EagerCollection.children").contains("EAGER");
        assertThat(refused(WrongMappedBy.class, Tag.class).getMessage()).contains("WrongMappedBy.tags")
                .contains("mappedBy");
        assertThat(refused(CascadeOnToOne.class, Tag.class).getMessage()).contains("CascadeOnToOne.tag")
                .contains("cascade");
        assertThat(refused(InverseOneToOne.class, Tag.class).getMessage()).contains("InverseOneToOne.tag")
                .contains("mappedBy");
        assertThat(refused(RawRef.class, Tag.class).getMessage()).contains("RawRef.tag");
        assertThat(refused(Order.class).getMessage()).as("a relation to a model the context lacks")
                .contains("Order.customer").contains("Customer").contains("models(..)");
    }

    @Test
    void aForeignKeyTakesItsColumnNameAndItsTypeFromTheTarget() {
        try (Context ctx = h2(Shop.MODELS).build()) {
            assertThat(String.join("\n", ctx.schema().createStatements()).toLowerCase())
                    .contains("customer_id bigint not null").contains("order_id bigint not null")
                    .contains("product_id bigint,");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "lines.nope", "note", "lines.quantity", "customer.orders.lines.oops"})
    void unknownFetchPathsAreRefusedNamingTheRelationsBeforeAnySql(String path) {
        try (Context ctx = h2(Shop.MODELS).build(); Session s = ctx.openSession()) {
            assertThatThrownBy(() -> s.query(Order.class).with(path)).isInstanceOf(UnknownColumnException.class)
                    .hasMessageContaining("Relations of");
            assertThatThrownBy(() -> s.find(Order.class, 1L, FetchPlan.with(path)))
                    .isInstanceOf(UnknownColumnException.class);
            assertThat(s.statementCount()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "lines.", ".lines", "lines..product", "lines; DROP TABLE r_order",
            "lines--", "1lines", "li nes", "lines\u0000", "lines\u202e", "customer'"})
    void hostileFetchPathsAreRefusedAsNotAPath(String path) {
        assertThatThrownBy(() -> FetchPlan.with(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\u0000").hasMessageNotContaining("\u202e");
    }

    @Test
    void nullAndOverlongPathsAreRefused() {
        assertThatThrownBy(() -> FetchPlan.with((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FetchPlan.with((String[]) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FetchPlan.with("a".repeat(201))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200");
        try (Context ctx = h2(Shop.MODELS).build(); Session s = ctx.openSession()) {
            assertThatThrownBy(() -> s.query(Order.class).with((FetchPlan) null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.find(Order.class, 1L, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void plansAreValuesAndRepeatedPathsCollapse() {
        assertThat(FetchPlan.with("a", "b.c", "a")).isEqualTo(FetchPlan.with("a").and("b.c"));
        assertThat(FetchPlan.with("a").paths()).containsExactly("a");
        assertThat(FetchPlan.with().isEmpty()).isTrue();
        assertThat(FetchPlan.none().isEmpty()).isTrue();
        assertThat(FetchPlan.with("customer").toString()).contains("customer");
    }

    @Test
    void refsCompareByIdAndRefuseNull() {
        assertThat(Ref.to(5L)).isEqualTo(Ref.to(5L)).hasSameHashCodeAs(Ref.to(5L)).isNotEqualTo(Ref.to(6L));
        assertThat(Ref.to(5L).isLoaded()).isFalse();
        Product p = new Product(5, "p", 1);
        try (Context ctx = h2(Shop.MODELS).build()) {
            assertThat(Ref.of(p)).isEqualTo(Ref.to(5L));
            assertThat(Ref.of(p).get()).isSameAs(p);
            Customer fresh = new Customer("new");
            assertThat(Ref.of(fresh).id()).isNull();
            assertThat(Ref.of(fresh)).isEqualTo(Ref.of(fresh)).isNotEqualTo(Ref.of(new Customer("other")));
        }
        assertThatThrownBy(() -> Ref.to(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ref.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ref.of("not a model").id()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("String");
        assertThat(Map.of(Ref.to(1L), "x")).containsKey(Ref.to(1L));
        assertThat(new OrderLine().order).isNull();
    }
}
