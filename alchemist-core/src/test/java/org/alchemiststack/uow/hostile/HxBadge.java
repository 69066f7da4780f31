package org.alchemiststack.uow.hostile;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A record model with an assigned id, a unique name and a boxed version. */
@Table(name = "hx_badge")
public record HxBadge(@Id Long id, @Column(nullable = false, unique = true, length = 40) String name, int tier,
        @Version Long version) {
}
