package org.alchemiststack.query;

import java.util.Comparator;
import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;

/** The repository of {@link Person}, and the orders the tests compute expected results with. */
final class People extends RepositoryBase<Person, Long> {
    /** Text order by Unicode code point: the order of every database the tests run on (see Order's javadoc). */
    static final Comparator<String> CODE_POINTS = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    People(Context ctx) {
        super(ctx, Person.class);
    }
}
