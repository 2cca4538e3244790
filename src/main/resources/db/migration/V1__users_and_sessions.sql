-- Users and their sessions. Times are UTC (DATETIME(3) keeps milliseconds and no zone surprises).

CREATE TABLE users (
  id            CHAR(36)     NOT NULL,
  email         VARCHAR(254) NOT NULL,
  name          VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  created_at    DATETIME(3)  NOT NULL,
  updated_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_users_email (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Opaque refresh tokens, stored as SHA-256 hashes. A login starts a family; each refresh uses one
-- token and adds the next to the same family. A used token presented again means it was stolen,
-- so the whole family is revoked.
CREATE TABLE refresh_tokens (
  id          CHAR(36)    NOT NULL,
  family_id   CHAR(36)    NOT NULL,
  user_id     CHAR(36)    NOT NULL,
  token_hash  BINARY(32)  NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  expires_at  DATETIME(3) NOT NULL,
  used_at     DATETIME(3) NULL,
  revoked_at  DATETIME(3) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_refresh_tokens_hash (token_hash),
  KEY ix_refresh_tokens_family (family_id),
  KEY ix_refresh_tokens_user (user_id),
  CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
