package org.alchemiststack.processor.base;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/** A mapped superclass in another package than its models: its public fields are reachable, the others not. */
@MappedSuperclass
public abstract class Audited {
    @Id
    public long id;
    @Version
    public int version;
    public String createdBy;
}
