package org.alchemiststack.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alchemiststack.MappingException;
import org.junit.jupiter.api.Test;

/**
 * The private lookup into a class whose package is not open to the library fails with a MappingException that
 * gives the exact opens line. java.base stands in for an application module here (it opens java.lang to nobody);
 * alchemist-jpms-test checks the same on the module path with an application's own module.
 */
class ModelAccessTest {

    record Row(long id) {
    }

    @Test
    void aClassOnTheClassPathIsAccessible() {
        assertThat(ModelAccess.privateLookup(Row.class).lookupClass()).isEqualTo(Row.class);
    }

    @Test
    void aPackageThatIsNotOpenedGetsTheOpensLineToAdd() {
        assertThatThrownBy(() -> ModelAccess.privateLookup(Thread.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("java.lang.Thread cannot be accessed by alchemist-stack: module java.base does not open"
                        + " package java.lang to org.alchemiststack. Add the line 'opens java.lang to"
                        + " org.alchemiststack;' to the module-info.java of java.base.")
                .hasCauseInstanceOf(IllegalAccessException.class);
    }
}
