package org.alchemiststack.relations;

import static org.alchemiststack.query.Condition.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.alchemiststack.Context;
import org.alchemiststack.RelationNotLoadedException;
import org.alchemiststack.Session;
import org.alchemiststack.query.FetchPlan;
import org.alchemiststack.relations.models.Author;
import org.alchemiststack.relations.models.Book;
import org.alchemiststack.relations.models.Chapter;
import org.alchemiststack.relations.models.Customer;
import org.alchemiststack.relations.models.Employee;
import org.alchemiststack.relations.models.Order;
import org.alchemiststack.relations.models.OrderLine;
import org.alchemiststack.relations.models.Product;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** Sort keys, named apart from the Order model. */
final class Sort {
    private Sort() {
    }

    static org.alchemiststack.query.Order asc(String field) {
        return org.alchemiststack.query.Order.asc(field);
    }
}

/** Loading graphs through fetch plans: a fixed number of statements, the same graph as plain JDBC, shared instances. */
class GraphLoadingTest {
    private static final FetchPlan SHOP = FetchPlan.with("customer", "lines.product");

    @EachDatabase
    void twoHundredOrdersLoadWithTheSameStatementsAsTwoAndEqualTheGraphPlainJdbcReads(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        Shop.seed(ctx, 200, 42);
        List<String> expected = Shop.expected(ctx);
        assertThat(expected).hasSize(200);

        long forTwo;
        try (Session s = ctx.openSession()) {
            long before = s.statementCount();
            List<Order> two = s.query(Order.class).with(SHOP).orderBy(Sort.asc("id"))
                    .limit(2).list();
            forTwo = s.statementCount() - before;
            assertThat(Shop.render(two)).containsExactlyElementsOf(expected.subList(0, 2));
        }
        try (Session s = ctx.openSession()) {
            long before = s.statementCount();
            List<Order> all = s.query(Order.class).with(SHOP).orderBy(Sort.asc("id"))
                    .list();
            long forAll = s.statementCount() - before;
            assertThat(Shop.render(all)).containsExactlyElementsOf(expected);
            assertThat(forAll).as("orders, customers, lines, products: one statement each").isEqualTo(4)
                    .isEqualTo(forTwo);

            Map<Long, Customer> customers = new java.util.HashMap<>();
            Map<Long, Product> products = new java.util.HashMap<>();
            for (Order o : all) {
                Customer c = o.customer.get();
                assertThat(customers.computeIfAbsent(c.id, k -> c)).as("one Customer instance per id").isSameAs(c);
                for (OrderLine l : o.lines) {
                    assertThat(l.order.id()).isEqualTo(o.id);
                    if (l.product != null) {
                        Product p = l.product.get();
                        assertThat(products.computeIfAbsent(p.id(), k -> p)).as("one Product instance per id")
                                .isSameAs(p);
                    }
                }
            }
            assertThat(customers).hasSizeLessThanOrEqualTo(12);
            assertThat(s.find(Customer.class, customers.keySet().iterator().next()).orElseThrow())
                    .as("the session's instance is the graph's").isIn(customers.values());
        }
    }

    @EachDatabase
    void aRepositoryLoadsTheGraphOutsideASessionWithOneInstancePerRow(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        Shop.seed(ctx, 40, 7);
        List<String> expected = Shop.expected(ctx);
        Orders orders = new Orders(ctx);
        long before = ctx.stats().statements();
        List<Order> all = orders.query().with("customer", "lines.product")
                .orderBy(Sort.asc("id")).list();
        assertThat(ctx.stats().statements() - before).isEqualTo(4);
        assertThat(Shop.render(all)).containsExactlyElementsOf(expected);
        IdentityHashMap<Customer, Boolean> distinct = new IdentityHashMap<>();
        all.forEach(o -> distinct.put(o.customer.get(), true));
        assertThat(distinct.size()).isEqualTo(all.stream().map(o -> o.customer.id()).distinct().count());

        Order first = orders.findById(all.get(0).id, FetchPlan.with("lines")).orElseThrow();
        assertThat(first.lines).hasSize(all.get(0).lines.size());
        assertThatThrownBy(() -> first.customer.get()).isInstanceOf(RelationNotLoadedException.class);
    }

    @EachDatabase
    void emptyCollectionsAreLoadedEmptyAndModifiableAndNullToOneIsNull(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("Ada"));
            Order empty = s.add(new Order(c, "no lines"));
            Order one = new Order(c, "one free-text line");
            one.line(null, 3);
            s.add(one);
            s.commit();
        }
        try (Session s = ctx.openSession()) {
            List<Order> orders = s.query(Order.class).with("lines.product", "customer.orders")
                    .orderBy(Sort.asc("id")).list();
            assertThat(orders.get(0).lines).isEmpty();
            assertThat(orders.get(0).lines).isInstanceOf(ArrayList.class);
            assertThat(orders.get(1).lines).singleElement().satisfies(l -> assertThat(l.product).isNull());
            assertThat(orders.get(0).customer.get().orders).as("customer.orders loaded through the path")
                    .containsExactlyElementsOf(orders);
        }
    }

    @EachDatabase
    void recordsAreBuiltBottomUpWithTheirRelationsInTheConstructor(TestDb db) {
        Context ctx = db.context(Author.class, Book.class, Chapter.class);
        try (Session s = ctx.openSession()) {
            Author tolkien = Author.named("Tolkien");
            s.add(tolkien);
            Book hobbit = new Book(null, "The Hobbit", org.alchemiststack.model.Ref.of(tolkien), Set.of());
            s.add(hobbit);
            Book anonymous = new Book(null, "Beowulf", null, Set.of());
            s.add(anonymous);
            s.flush();
            Book storedHobbit = s.query(Book.class).where(eq("title", "The Hobbit")).one();
            for (int i = 1; i <= 3; i++) {
                s.add(new Chapter(null, i, org.alchemiststack.model.Ref.of(storedHobbit)));
            }
            s.commit();
        }
        try (Session s = ctx.openSession()) {
            List<Author> authors = s.query(Author.class).with("books.chapters").list();
            Author a = authors.get(0);
            assertThat(a.name()).isEqualTo("Tolkien");
            Book b = a.books().get(0);
            assertThat(b.title()).isEqualTo("The Hobbit");
            assertThat(b.chapters()).extracting(Chapter::number).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(b.chapters()).isInstanceOf(Set.class);
            assertThatThrownBy(() -> b.author().get()).isInstanceOf(RelationNotLoadedException.class)
                    .hasMessageContaining("Book.author");
            assertThat(b.author().id()).isEqualTo(a.id());
        }
        try (Session s = ctx.openSession()) {
            List<Book> books = s.query(Book.class).with("author").orderBy(Sort.asc("id"))
                    .list();
            assertThat(books.get(0).author().get().name()).isEqualTo("Tolkien");
            assertThat(books.get(1).author()).as("a NULL foreign key is a null field").isNull();
            assertThatThrownBy(() -> books.get(0).chapters().size()).isInstanceOf(RelationNotLoadedException.class)
                    .hasMessageContaining("Book.chapters").hasMessageContaining("with(\"chapters\")");
            assertThat(books.get(0).chapters().toString()).contains("not loaded");
        }
    }

    @EachDatabase
    void aSelfReferenceLoadsManagersAndReportsAtAnyDepth(TestDb db) {
        Context ctx = db.context(Employee.class);
        try (Session s = ctx.openSession()) {
            Employee ceo = new Employee("ceo", null);
            Employee cto = new Employee("cto", ceo);
            Employee dev1 = new Employee("dev1", cto);
            Employee dev2 = new Employee("dev2", cto);
            // added children first: the flush inserts each manager before the employees that point to it
            s.add(dev2);
            s.add(dev1);
            s.add(cto);
            s.add(ceo);
            s.commit();
            assertThat(dev1.manager.id()).isEqualTo(cto.id);
        }
        try (Session s = ctx.openSession()) {
            long before = s.statementCount();
            List<Employee> all = s.query(Employee.class).with("manager.manager", "reports")
                    .orderBy(Sort.asc("name")).list();
            assertThat(s.statementCount() - before).isEqualTo(4);
            Map<String, Employee> byName = all.stream().collect(Collectors.toMap(e -> e.name, e -> e));
            assertThat(byName.get("dev1").manager.get()).isSameAs(byName.get("cto"));
            assertThat(byName.get("dev1").manager.get().manager.get()).isSameAs(byName.get("ceo"));
            assertThat(byName.get("ceo").manager).isNull();
            assertThat(byName.get("cto").reports).as("by id: dev2 was added, so inserted, first")
                    .extracting(e -> e.name).containsExactly("dev2", "dev1");
            assertThat(byName.get("dev1").reports).isEmpty();
        }
    }

    @EachDatabase
    void outsideASessionTwoPathsToOneModelShareTheirInstances(TestDb db) {
        Context ctx = db.context(Employee.class);
        try (Session s = ctx.openSession()) {
            Employee ceo = s.add(new Employee("ceo", null));
            Employee cto = s.add(new Employee("cto", ceo));
            s.add(new Employee("dev", cto));
            s.commit();
        }
        People people = new People(ctx);
        Map<String, Employee> byName = people.query().with("manager", "reports").list().stream()
                .collect(Collectors.toMap(e -> e.name, e -> e));
        Employee ctoAsManager = byName.get("dev").manager.get();
        Employee ctoAsReport = byName.get("ceo").reports.get(0);
        assertThat(ctoAsManager.name).isEqualTo("cto");
        assertThat(ctoAsReport).as("one instance per row where two paths of the plan reach one model")
                .isSameAs(ctoAsManager);
        assertThat(byName.get("cto")).as("the root row has the plan's relations, so it is its own instance")
                .isNotSameAs(ctoAsManager);
        assertThat(byName.get("cto").reports).extracting(e -> e.name).containsExactly("dev");
    }

    /** A repository for the employees. */
    static final class People extends org.alchemiststack.RepositoryBase<Employee, Long> {
        People(Context ctx) {
            super(ctx, Employee.class);
        }
    }

    @EachDatabase
    void fiveThousandChildrenAndIdListsLongerThanTheParameterLimitAreLoadedInChunks(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        int n = 5_000;
        try (Session s = ctx.openSession()) {
            Customer c = s.add(new Customer("big"));
            Order big = new Order(c, "big");
            List<Product> products = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Product p = new Product(i, "p" + i, i);
                products.add(p);
                s.add(p);
            }
            for (int i = 0; i < n; i++) {
                big.line(products.get(i), 1);
            }
            s.add(big);
            s.commit();
        }
        try (Session s = ctx.openSession()) {
            long before = s.statementCount();
            Order big = s.query(Order.class).with("lines.product").one();
            long statements = s.statementCount() - before;
            assertThat(big.lines).hasSize(n);
            assertThat(big.lines).extracting(l -> l.product.get().name())
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> "p" + i)
                            .toList());
            boolean arrays = db == TestDb.POSTGRESQL;
            assertThat(statements).as("order, lines, then products in chunks of 1,000 ids (one array on PostgreSQL)")
                    .isEqualTo(arrays ? 3 : 2 + (n + 999) / 1000);
        }
    }

    @EachDatabase
    void findWithAPlanAttachesRelationsToTheTrackedInstance(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        Shop.seed(ctx, 3, 1);
        try (Session s = ctx.openSession()) {
            Order plain = s.query(Order.class).orderBy(Sort.asc("id")).first()
                    .orElseThrow();
            assertThat(plain.customer.isLoaded()).isFalse();
            Order withPlan = s.find(Order.class, plain.id, FetchPlan.with("customer", "lines")).orElseThrow();
            assertThat(withPlan).isSameAs(plain);
            assertThat(plain.customer.isLoaded()).isTrue();
            assertThat(plain.customer.get().name).startsWith("customer ");
            assertThat(s.hasPendingChanges()).as("loading a relation is no change").isFalse();
            assertThat(s.find(Order.class, -1L, FetchPlan.with("lines"))).isEmpty();
        }
    }

    @EachDatabase
    void unloadedRelationsThrowNamingThePlanAndNeverQuery(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        Shop.seed(ctx, 5, 3);
        try (Session s = ctx.openSession()) {
            Order o = s.query(Order.class).orderBy(Sort.asc("id")).first().orElseThrow();
            long before = s.statementCount();
            assertThatThrownBy(() -> o.customer.get()).isInstanceOf(RelationNotLoadedException.class)
                    .hasMessageContaining("Order.customer").hasMessageContaining("with(\"customer\")");
            assertThatThrownBy(() -> o.lines.size()).isInstanceOf(RelationNotLoadedException.class)
                    .hasMessageContaining("Order.lines").hasMessageContaining("with(\"lines\")");
            assertThatThrownBy(() -> o.lines.isEmpty()).isInstanceOf(RelationNotLoadedException.class);
            assertThatThrownBy(() -> o.lines.iterator()).isInstanceOf(RelationNotLoadedException.class);
            assertThatThrownBy(() -> o.lines.add(new OrderLine())).isInstanceOf(RelationNotLoadedException.class);
            assertThatThrownBy(() -> o.lines.stream().count()).isInstanceOf(RelationNotLoadedException.class);
            assertThat(o.customer.id()).isNotNull();
            assertThat(o.customer.toString()).contains(String.valueOf(o.customer.id()));
            assertThat(s.statementCount()).as("touching a relation never runs a query").isEqualTo(before);
        }
    }

    @EachDatabase
    void pagesAndKeysetPagesLoadThePlanForTheirRowsAndStreamsRefuseIt(TestDb db) {
        Context ctx = db.context(Shop.MODELS);
        Shop.seed(ctx, 30, 9);
        List<String> expected = Shop.expected(ctx);
        try (Session s = ctx.openSession()) {
            org.alchemiststack.query.Page<Order> page = s.query(Order.class).with(SHOP)
                    .orderBy(Sort.asc("id")).page(org.alchemiststack.query.PageRequest.of(1, 10));
            assertThat(Shop.render(page.items())).containsExactlyElementsOf(expected.subList(10, 20));
            List<Order> walked = new ArrayList<>();
            org.alchemiststack.query.CursoredPage<Order> p = s.query(Order.class).with(SHOP).cursoredPage(7);
            walked.addAll(p.items());
            while (p.next() != null) {
                p = s.query(Order.class).with(SHOP).after(p.next()).cursoredPage(7);
                walked.addAll(p.items());
            }
            assertThat(Shop.render(walked)).containsExactlyElementsOf(expected);
            assertThatThrownBy(() -> s.query(Order.class).with("lines").stream())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cursoredPage");
        }
    }

    @org.junit.jupiter.api.Test
    void aTargetRowThatIsGoneWhenThePlanRunsIsMissingNotEmpty() {
        try (Context ctx = TestDb.H2.context(Shop.MODELS)) {
            Shop.seed(ctx, 1, 2);
            Sql.update(ctx, "ALTER TABLE r_order_line DROP CONSTRAINT fk_r_order_line_product_id");
            Sql.update(ctx, "UPDATE r_order_line SET product_id = 999");
            missing(ctx);
        }
    }

    private static void missing(Context ctx) {
        try (Session s = ctx.openSession()) {
            Order o = s.query(Order.class).with("lines.product").one();
            OrderLine l = o.lines.get(0);
            assertThat(l.product.isLoaded()).isFalse();
            assertThat(l.product.id()).isEqualTo(999L);
            assertThatThrownBy(() -> l.product.get()).isInstanceOf(org.alchemiststack.NotFoundException.class)
                    .hasMessageContaining("999").hasMessageContaining("OrderLine.product");
            assertThat(l.product.toString()).contains("missing");
        }
    }

    /** A repository for the orders. */
    static final class Orders extends org.alchemiststack.RepositoryBase<Order, Long> {
        Orders(Context ctx) {
            super(ctx, Order.class);
        }
    }
}
