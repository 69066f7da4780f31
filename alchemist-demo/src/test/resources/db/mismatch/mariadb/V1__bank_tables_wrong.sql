-- Test only: the bank's tables as the models do NOT want them. bank_account.owner is a number, bank_account.version is
-- missing, and bank_transfer.to_account has neither its foreign key nor an index.
CREATE TABLE bank_account (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  owner BIGINT NOT NULL,
  balance BIGINT NOT NULL
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
  CONSTRAINT fk_bank_transfer_from_account FOREIGN KEY (from_account) REFERENCES bank_account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
