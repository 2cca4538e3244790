-- Every tool the chat assistant ran: who asked, in which conversation, which tool, which of their
-- accounts it touched, and how it ended. Written for every call, refused ones included, so that a
-- look-up the user did not expect can be traced. Arguments are not stored: they may carry text the
-- user typed.
CREATE TABLE chat_tool_calls (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  user_id          CHAR(36)     NOT NULL,
  conversation_id  CHAR(36)     NOT NULL,
  tool             VARCHAR(40)  NOT NULL,
  account_id       CHAR(36)     NULL,
  outcome          VARCHAR(12)  NOT NULL,
  detail           VARCHAR(200) NULL,
  created_at       DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  KEY ix_chat_tool_calls_user (user_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
