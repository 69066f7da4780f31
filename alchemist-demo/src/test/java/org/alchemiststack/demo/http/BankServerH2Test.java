package org.alchemiststack.demo.http;

import java.util.UUID;
import org.alchemiststack.Context;

class BankServerH2Test extends BankServerContract {

    @Override
    Context.Builder database() {
        return Context.builder().url("jdbc:h2:mem:http-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
