-- The bank's tables on MariaDB, as the models Account and Transfer need them (Context.schema().createStatements()
-- is the reference): InnoDB for transactions and foreign keys, utf8mb4 with a binary collation so that strings
-- compare as Java compares them. Never edit this file once released: add V2__..., V3__... beside it.
CREATE TABLE bank_account (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  owner VARCHAR(100) NOT NULL,
  balance BIGINT NOT NULL,
  version BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE bank_transfer (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  from_account BIGINT NOT NULL,
  to_account BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  mode VARCHAR(20) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  idempotency_key VARCHAR(36),
  CONSTRAINT uk_bank_transfer_idempotency_key UNIQUE (idempotency_key),
  INDEX ix_bank_transfer_from_account (from_account),
  CONSTRAINT fk_bank_transfer_from_account FOREIGN KEY (from_account) REFERENCES bank_account (id),
  INDEX ix_bank_transfer_to_account (to_account),
  CONSTRAINT fk_bank_transfer_to_account FOREIGN KEY (to_account) REFERENCES bank_account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
