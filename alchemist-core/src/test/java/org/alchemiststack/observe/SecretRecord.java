package org.alchemiststack.observe;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.alchemiststack.model.Sensitive;

/** A record with a sensitive component, for the tests of bound-value logging. */
@Entity
@Table(name = "o_secret_rec")
public record SecretRecord(@Id long id, String owner, @Sensitive String pin) {
}
