package org.alchemiststack.uow.regression;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A record model with an assigned id, a unique name and a version. */
@Table(name = "rg_badge")
public record Badge(@Id Long id, @Column(nullable = false, unique = true, length = 40) String name, int level,
        @Version Long version) {
}
