package org.alchemiststack;

import org.alchemiststack.internal.model.ModelMeta;

/** Test access to a context's model metadata. */
public final class ContextProbe {
    private ContextProbe() {
    }

    public static <T> ModelMeta<T> meta(Context c, Class<T> type) {
        return c.core().meta(type);
    }
}
