-- bank_tran_ids and IsTunos are handed out by a Redis sequence from blocks reserved here (hi/lo): one row per
-- block of 1,000 ids instead of one per id. The key makes a block belong to one epoch of the sequence, so a Redis
-- loss skips ids but never repeats one. The per-id tables this replaces held the last two days' ids only.
CREATE TABLE daily_id_blocks (
  kind        VARCHAR(32) NOT NULL,
  block       BIGINT      NOT NULL,
  epoch       VARCHAR(16) NOT NULL,
  bank_day    DATE        NOT NULL,
  reserved_at DATETIME(3) NOT NULL,
  PRIMARY KEY (kind, block),
  KEY ix_daily_id_blocks_day (kind, bank_day)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

DROP TABLE bank_tran_ids;
DROP TABLE nh_is_tunos;
