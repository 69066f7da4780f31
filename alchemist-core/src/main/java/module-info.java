/**
 * alchemist-stack: a thread-safe Model-Repository-Context stack over JDBC.
 *
 * <p>The module exports its API packages only; {@code org.alchemiststack.internal} and the packages under it are
 * not exported. The library reads and writes the fields of model classes through private lookups, so an
 * application on the module path opens each package of models to this module:
 * {@code opens com.example.model to org.alchemiststack;}. JDBC drivers are the application's choice: put the
 * driver's jar on the module path next to this module.
 */
module org.alchemiststack {
    requires transitive java.sql;
    requires transitive com.zaxxer.hikari;
    requires transitive jakarta.persistence;
    requires org.slf4j;

    exports org.alchemiststack;
    exports org.alchemiststack.dialect;
    exports org.alchemiststack.model;
    exports org.alchemiststack.observe;
    exports org.alchemiststack.query;
    exports org.alchemiststack.spi;
}
