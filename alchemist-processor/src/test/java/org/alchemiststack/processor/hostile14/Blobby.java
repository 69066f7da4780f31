package org.alchemiststack.processor.hostile14;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A class with a byte array column. */
@Entity
@Table(name = "h14_blobby")
public class Blobby {
    @Id
    long id;
    byte[] data;
}
