package org.alchemiststack.internal.session;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A record with an assigned id and an {@code Integer} version. */
@Table(name = "pin_stamp")
public record Stamp(@Id Long id, @Column(length = 40) String name, @Version Integer version) {
}
