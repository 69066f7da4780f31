package org.alchemiststack.uow;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The model-based test's immutable model: an assigned id, a unique label, a weight and a version. Immutable, so safe
 * to share between threads.
 */
@Table(name = "mbt_tag")
public record MbtTag(@Id Long id, @Column(nullable = false, unique = true, length = 40) String label, int weight,
        @Version long version) {
}
