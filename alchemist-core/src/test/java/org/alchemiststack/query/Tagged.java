package org.alchemiststack.query;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * The model of the keyset tests over nullable sort keys: three nullable fields with few distinct values (so rows tie
 * and NULLs are common) and one non-null field. The texts sort the same under every collation the tests meet.
 */
@Entity
@Table(name = "ks_tagged")
public class Tagged {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Integer grp;
    @Column(length = 10)
    public String tag;
    public LocalDate day;
    public int rank;

    public Tagged() {
    }

    public Tagged(Integer grp, String tag, LocalDate day, int rank) {
        this.grp = grp;
        this.tag = tag;
        this.day = day;
        this.rank = rank;
    }

    @Override
    public String toString() {
        return "Tagged[" + id + ", " + grp + ", " + (tag == null ? null : "'" + tag + "'") + ", " + day + ", "
                + rank + "]";
    }
}
