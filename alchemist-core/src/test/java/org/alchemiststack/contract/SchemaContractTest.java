package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.alchemiststack.Context;
import org.alchemiststack.SchemaMismatchException;
import org.alchemiststack.contract.models.Gadget;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/** createTables, dropTables and validate against the live database. */
class SchemaContractTest {

    static void ddl(Context ctx, String... statements) {
        try (Connection c = ctx.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @EachDatabase
    void createdTablesValidateAndCreatingAgainChangesNothing(TestDb db) {
        Context ctx = db.context(Person.class, Gadget.class);
        ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 1)));
        ctx.schema().createTables();
        ctx.schema().validate();
        assertThat(Jdbc.count(ctx, "c_person")).isEqualTo(1);
        assertThat(ctx.schema().createStatements()).hasSize(2)
                .allSatisfy(sql -> assertThat(sql).startsWith("CREATE TABLE IF NOT EXISTS"));
    }

    @EachDatabase
    void droppedTablesAreReportedMissingByValidate(TestDb db) {
        Context ctx = db.context(Person.class, Gadget.class);
        ctx.schema().dropTables();
        assertThatThrownBy(() -> ctx.schema().validate()).isInstanceOfSatisfying(SchemaMismatchException.class,
                e -> assertThat(e.differences()).containsExactlyInAnyOrder(
                        "table 'c_person' of model Person is missing",
                        "table 'c_gadget' of model Gadget is missing"));
        ctx.schema().dropTables();
        ctx.schema().createTables();
        ctx.schema().validate();
    }

    @EachDatabase
    void validateReportsAMissingColumnAndATypeMismatchTogether(TestDb db) {
        Context ctx = db.context(Person.class, Gadget.class);
        ddl(ctx, "ALTER TABLE c_gadget DROP COLUMN stock",
                "ALTER TABLE c_gadget DROP COLUMN weight",
                "ALTER TABLE c_gadget ADD COLUMN weight VARCHAR(20) DEFAULT 'heavy' NOT NULL");
        assertThatThrownBy(() -> ctx.schema().validate()).isInstanceOfSatisfying(SchemaMismatchException.class,
                e -> {
                    assertThat(e.differences()).hasSize(2);
                    assertThat(e.differences()).anySatisfy(d -> assertThat(d).contains("c_gadget")
                            .contains("'stock'").contains("Gadget.stock").contains("missing"));
                    assertThat(e.differences()).anySatisfy(d -> assertThat(d).contains("c_gadget.weight")
                            .containsPattern("(?i)type is (varchar|character varying)").contains("Gadget.weight"));
                    assertThat(e.getMessage()).contains("2 differences").contains("stock").contains("weight");
                });
    }

    @EachDatabase
    void validateReportsANullabilityMismatch(TestDb db) {
        Context ctx = db.context(Gadget.class);
        ddl(ctx, "ALTER TABLE c_gadget DROP COLUMN stock", "ALTER TABLE c_gadget ADD COLUMN stock INTEGER");
        assertThatThrownBy(() -> ctx.schema().validate()).isInstanceOfSatisfying(SchemaMismatchException.class,
                e -> assertThat(e.differences()).containsExactly(
                        "c_gadget.stock: nullable in the database but NOT NULL in the model"));
    }
}
