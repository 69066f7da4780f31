package org.alchemiststack.uow.hostile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A class entity with a library-generated UUID id, a unique label and no version (native upsert path). */
@Entity
@Table(name = "hx_voucher")
public class HxVoucher {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;
    @Column(nullable = false, unique = true, length = 40)
    public String label;
    public int amount;

    public HxVoucher() {
    }

    public HxVoucher(String label, int amount) {
        this.label = label;
        this.amount = amount;
    }
}
