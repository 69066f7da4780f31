package org.alchemiststack.internal.model;

import java.lang.invoke.MethodHandles;
import org.alchemiststack.MappingException;

/**
 * The private lookup the library uses to read, write and construct the models and records of an application, with
 * the error that says what to write in the application's module-info.java when its package is not opened.
 *
 * <p>Thread safety: stateless; safe to call from any thread.
 */
public final class ModelAccess {
    private static final Module LIBRARY = ModelAccess.class.getModule();

    private ModelAccess() {
    }

    /**
     * A lookup with private access to {@code type}.
     *
     * @param type a model class or a record that rows are read into
     * @return a lookup with private access
     * @throws MappingException when the module of {@code type} does not open its package to the library
     */
    public static MethodHandles.Lookup privateLookup(Class<?> type) {
        Module module = type.getModule();
        // A named library module reads only what it requires; the application's module must be read before its
        // classes can be looked up. On the class path both are unnamed and this does nothing.
        LIBRARY.addReads(module);
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new MappingException(notOpened(type), e);
        }
    }

    /**
     * The message for a class whose package is not open to the library.
     *
     * @param type the class
     * @return what to add to the application's module-info.java
     */
    public static String notOpened(Class<?> type) {
        String pkg = type.getPackageName();
        Module module = type.getModule();
        String moduleName = module.isNamed() ? module.getName() : "the application's module";
        String library = LIBRARY.isNamed() ? LIBRARY.getName() : "org.alchemiststack";
        return type.getName() + " cannot be accessed by alchemist-stack: module " + moduleName
                + " does not open package " + pkg + " to " + library + ". Add the line 'opens " + pkg + " to "
                + library + ";' to the module-info.java of " + moduleName + ".";
    }
}
