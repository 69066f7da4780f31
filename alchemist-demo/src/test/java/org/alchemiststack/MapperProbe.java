package org.alchemiststack;

/**
 * Test access to which path a context maps a model with: in core's package because the context's model metadata is
 * not public API (the demo's tests run on the class path, so the split package is fine).
 */
public final class MapperProbe {
    private MapperProbe() {
    }

    /**
     * Tells whether the context maps the model with its generated {@code <Model>_AlchemistModel}.
     *
     * @param ctx a built context
     * @param model a model registered with it
     * @return {@code true} on the generated path, {@code false} on the reflective one
     */
    public static boolean usesGeneratedMapper(Context ctx, Class<?> model) {
        return ctx.core().meta(model).usesGeneratedMapper();
    }
}
