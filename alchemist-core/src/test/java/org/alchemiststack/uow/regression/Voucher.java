package org.alchemiststack.uow.regression;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;

/** A class entity whose UUID id the library generates, with a unique label and a version. */
@Entity
@Table(name = "rg_voucher")
public class Voucher {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;
    @Column(nullable = false, unique = true, length = 40)
    public String label;
    @Version
    public long version;

    public Voucher() {
    }

    public Voucher(String label) {
        this.label = label;
    }
}
