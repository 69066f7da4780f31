package org.alchemiststack.contract.models;

import org.alchemiststack.Context;
import org.alchemiststack.RepositoryBase;
import org.alchemiststack.Session;

/** Repository of {@link Person}; exposes the bound session so tests can see which one a call uses. */
public final class People extends RepositoryBase<Person, Long> {
    public People(Context ctx) {
        super(ctx, Person.class);
    }

    public Session boundSession() {
        return session();
    }
}
