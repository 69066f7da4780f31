package org.alchemiststack.processor.models;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A class model with a database-generated id, a version and one field of every supported type. */
@Entity
@Table(name = "p_gen_all")
public class GenAll {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Version
    int version;
    public boolean flag;
    public byte tiny;
    public short small;
    public int number;
    public long big;
    public float single;
    public double dbl;
    public Boolean boxedFlag;
    public Byte boxedTiny;
    public Short boxedSmall;
    public Integer boxedNumber;
    public Long boxedBig;
    public Float boxedSingle;
    public Double boxedDbl;
    @Column(length = 255)
    public String text;
    @Column(precision = 38, scale = 10)
    public BigDecimal amount;
    public UUID ref;
    public Instant instant;
    public LocalDateTime localDateTime;
    public LocalTime localTime;
    public OffsetDateTime offsetDateTime;
    public LocalDate localDate;
    public byte[] bytes;
    @Enumerated(EnumType.STRING)
    protected Color colorName;
    @Enumerated(EnumType.ORDINAL)
    Color colorOrdinal;
    @Transient
    public String note = "kept";
    public transient int scratch;
    public static int instances;

    public GenAll() {
        instances++;
    }
}
