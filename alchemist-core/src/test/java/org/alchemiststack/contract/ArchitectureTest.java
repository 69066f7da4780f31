package org.alchemiststack.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package rules. The root package and {@code internal} depend on each other by design (the API delegates to the
 * implementation, which throws the API's exceptions), so cycles are checked among the subpackages and among the
 * internal packages; the API is checked for signatures that show internal types.
 */
class ArchitectureTest {

    static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.alchemiststack");
    }

    /**
     * Top-level packages (dialect, model, query, internal with its subpackages) form no cycle, with no exemption:
     * the dialects keep their JDBC codecs in their own package, and internal code asks a dialect for a codec.
     */
    @Test
    void theTopLevelPackagesHaveNoCycles() {
        slices().matching("org.alchemiststack.(*)..").should().beFreeOfCycles().check(core);
    }

    /** The internal packages form no cycle, with no exemption: the session makes its queries through a factory. */
    @Test
    void theInternalPackagesHaveNoCycles() {
        slices().matching("org.alchemiststack.internal.(*)..").should().beFreeOfCycles().check(core);
    }

    /**
     * The context core (pool, models, dialect, errors) sits below the sessions and queries built on it: nothing in
     * {@code internal} itself depends on {@code internal.session} or {@code internal.query}.
     */
    @Test
    void theContextCoreDependsOnNoSessionOrQueryCode() {
        noClasses().that().resideInAPackage("org.alchemiststack.internal").should().dependOnClassesThat()
                .resideInAnyPackage("org.alchemiststack.internal.session..", "org.alchemiststack.internal.query..")
                .check(core);
    }

    /**
     * Only the statement runner prepares, executes and closes statements and ends transactions in the session and
     * query code; the others only bind parameters and read rows through the binders and readers they hand it.
     */
    @Test
    void onlyTheStatementRunnerRunsStatementsInTheSessionPath() {
        java.util.regex.Pattern lifecycle = java.util.regex.Pattern.compile("prepare.*|execute.*|addBatch|commit"
                + "|rollback|close|setAutoCommit|setSavepoint|releaseSavepoint|getConnection|getGeneratedKeys");
        noClasses().that().resideInAnyPackage("org.alchemiststack.internal.session..",
                "org.alchemiststack.internal.query..")
                .and().doNotHaveFullyQualifiedName("org.alchemiststack.internal.session.StatementRunner")
                .and().doNotHaveFullyQualifiedName("org.alchemiststack.internal.session.StatementRunner$OpenCursor")
                .should().callMethodWhere(DescribedPredicate.describe("a statement or transaction call on JDBC",
                        call -> lifecycle.matcher(call.getName()).matches()
                                && (call.getTargetOwner().isAssignableTo(java.sql.Connection.class)
                                        || call.getTargetOwner().isAssignableTo(java.sql.Statement.class)
                                        || call.getTargetOwner().isAssignableTo(java.sql.ResultSet.class))))
                .check(core);
    }

    @Test
    void theModelAndQueryPackagesDoNotDependOnInternalCode() {
        classes().that().resideInAnyPackage("org.alchemiststack.model", "org.alchemiststack.query").should()
                .onlyDependOnClassesThat(DescribedPredicate.not(
                        JavaClass.Predicates.resideInAPackage("org.alchemiststack.internal..")))
                .check(core);
    }

    @Test
    void noPublicApiSignatureExposesAnInternalType() {
        classes().that().resideInAnyPackage("org.alchemiststack", "org.alchemiststack.query",
                "org.alchemiststack.dialect", "org.alchemiststack.model").and().arePublic()
                .should(new ExposeNoInternalTypes()).check(core);
    }

    @Test
    void theSignatureRuleFindsAnInternalTypeWhereOneIsExposed() {
        JavaClass internalCore = core.get(org.alchemiststack.internal.ContextCore.class);
        ConditionEvents events = ConditionEvents.Factory.create();
        new ExposeNoInternalTypes().check(internalCore, events);
        org.assertj.core.api.Assertions.assertThat(events.containViolation()).as("ContextCore.meta(..) returns"
                + " ModelMeta: the rule must see it").isTrue();
    }

    /** Public and protected methods, constructors and fields of a type: parameters, returns, throws, field types. */
    static final class ExposeNoInternalTypes extends ArchCondition<JavaClass> {
        ExposeNoInternalTypes() {
            super("expose no type from ..internal.. in a public or protected signature");
        }

        @Override
        public void check(JavaClass type, ConditionEvents events) {
            for (JavaMember member : type.getMembers()) {
                if (!isVisible(member)) {
                    continue;
                }
                for (JavaClass used : signatureTypes(member)) {
                    if (used.getPackageName().startsWith("org.alchemiststack.internal")) {
                        events.add(SimpleConditionEvent.violated(member, member.getFullName() + " exposes "
                                + used.getName()));
                    }
                }
            }
            if (type.getRawSuperclass().isPresent()
                    && type.getRawSuperclass().get().getPackageName().startsWith("org.alchemiststack.internal")) {
                events.add(SimpleConditionEvent.violated(type, type.getName() + " extends an internal type"));
            }
        }

        private static boolean isVisible(JavaMember m) {
            return m.getModifiers().contains(JavaModifier.PUBLIC) || m.getModifiers().contains(JavaModifier.PROTECTED);
        }

        private static Set<JavaClass> signatureTypes(JavaMember member) {
            Set<JavaClass> out = new LinkedHashSet<>();
            if (member instanceof JavaField f) {
                out.addAll(f.getType().getAllInvolvedRawTypes());
            } else if (member instanceof JavaCodeUnit c) {
                c.getParameterTypes().forEach(t -> out.addAll(t.getAllInvolvedRawTypes()));
                out.addAll(c.getReturnType().getAllInvolvedRawTypes());
                c.getThrowsClause().getTypes().forEach(out::add);
            }
            return out;
        }
    }
}
