/**
 * Micrometer metrics and observations for an alchemist-stack {@code Context}.
 *
 * <p>micrometer-core, micrometer-observation and micrometer-commons are automatic modules (their
 * Automatic-Module-Name: micrometer.core, micrometer.observation, micrometer.commons), hence the module's compiler
 * arguments {@code -Xlint:-requires-transitive-automatic,-requires-automatic}.
 */
module org.alchemiststack.micrometer {
    requires transitive org.alchemiststack;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires transitive micrometer.commons;
    requires com.zaxxer.hikari;
    requires org.slf4j;
    requires java.sql;

    exports org.alchemiststack.micrometer;
}
