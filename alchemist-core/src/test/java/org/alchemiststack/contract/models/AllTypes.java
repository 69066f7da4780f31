package org.alchemiststack.contract.models;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A class entity with one field of every supported type; every non-primitive field may be null. */
@Entity
@Table(name = "c_all_types")
public class AllTypes {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;
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
    public Color colorName;
    @Enumerated(EnumType.ORDINAL)
    public Color colorOrdinal;
}
