package org.alchemiststack.demo.http;

import org.alchemiststack.Context;
import org.alchemiststack.demo.ServerDatabase;

class BankServerPostgresTest extends BankServerContract {

    private ServerDatabase schema;

    @Override
    Context.Builder database() {
        schema = ServerDatabase.postgresql();
        return Context.builder().url(schema.url()).user(schema.user());
    }

    @Override
    void dropDatabase() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
