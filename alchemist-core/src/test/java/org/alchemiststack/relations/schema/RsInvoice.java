package org.alchemiststack.relations.schema;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import org.alchemiststack.model.Ref;

/** A record with a one-to-one foreign key: unique, so its unique constraint is its index. */
@Table(name = "rs_invoice")
public record RsInvoice(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, int amountCents,
        @OneToOne(optional = false) @JoinColumn(name = "order_id") Ref<RsOrder> order) {
}
