package io.shpay.common.db;

import io.vertx.mysqlclient.MySQLException;

/** Reads meaning out of MySQL/MariaDB errors so callers can turn them into domain outcomes. */
public final class SqlErrors {

  private static final int ER_DUP_ENTRY = 1062;

  private SqlErrors() {}

  /** A unique key refused the row: the basis of duplicate detection (emails, bank ids, event ids). */
  public static boolean isDuplicateKey(Throwable failure) {
    return failure instanceof MySQLException mysql
        && (mysql.getErrorCode() == ER_DUP_ENTRY || "23000".equals(mysql.getSqlState()));
  }
}
