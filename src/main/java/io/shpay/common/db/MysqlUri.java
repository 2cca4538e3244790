package io.shpay.common.db;

import io.shpay.common.config.ShpayConfig;
import io.vertx.mysqlclient.MySQLConnectOptions;

/**
 * The one MySQL connection description, read from {@code mysql.uri} plus the optional separate
 * password, and rendered for the two clients that need it: the reactive pool and Flyway's JDBC.
 */
public record MysqlUri(String host, int port, String database, String user, String password) {

  public static MysqlUri from(ShpayConfig.Mysql config) {
    MySQLConnectOptions options = MySQLConnectOptions.fromUri(config.uri().replaceFirst("^mariadb://", "mysql://"));
    String password = config.password().map(secret -> secret.reveal()).orElse(options.getPassword());
    return new MysqlUri(options.getHost(), options.getPort(), options.getDatabase(), options.getUser(),
        password == null ? "" : password);
  }

  public MySQLConnectOptions connectOptions() {
    return new MySQLConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setCharset("utf8mb4")
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(256);
  }

  /** MariaDB Connector/J speaks to MariaDB and MySQL 8 alike. */
  public String jdbcUrl() {
    return "jdbc:mariadb://" + host + ":" + port + "/" + database + "?allowPublicKeyRetrieval=true";
  }

  @Override
  public String toString() {
    return "mysql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
