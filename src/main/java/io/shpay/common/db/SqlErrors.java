package io.shpay.common.db;

import io.vertx.mysqlclient.MySQLException;

/** Reads meaning out of MySQL/MariaDB errors so callers can turn them into domain outcomes. */
public final class SqlErrors {

  private static final int ER_DUP_ENTRY = 1062;

  private SqlErrors() {}

  /**
   * A unique key refused the row: the basis of duplicate detection (emails, bank ids, event ids).
   * Only error 1062 counts. SQLState 23000 alone is every integrity error (NOT NULL, foreign key,
   * check), and treating those as "already there" would silently drop a row that was never written.
   */
  public static boolean isDuplicateKey(Throwable failure) {
    return failure instanceof MySQLException mysql && mysql.getErrorCode() == ER_DUP_ENTRY;
  }
}
