package io.shpay.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A TCP proxy in front of MySQL that reads the client's side of the protocol and records every command it sends: one
 * command is one round trip (the Vert.x client does not pipeline). A prepared statement's executions are named by the
 * SQL it was prepared from (read from the server's answer to the prepare). Commits are counted as the server makes
 * them: an explicit {@code COMMIT}, and every data change sent outside {@code BEGIN … COMMIT} (autocommit) on a
 * connection that has not turned autocommit off ({@code SET autocommit = 0}: there a statement begins a transaction).
 */
public final class MysqlCommandTap implements AutoCloseable {

  /**
   * One command as the server received it, on the tap's {@code connection} number, {@code commit} when the server
   * committed with it, {@code begins} when a transaction began with it ({@code BEGIN}, or a connection's first
   * statement after a commit with autocommit off).
   */
  public record Command(int connection, String sql, boolean commit, boolean begins) {

    Command(int connection, String sql, boolean commit) {
      this(connection, sql, commit, false);
    }
  }

  private static final int COM_QUERY = 0x03;
  private static final int COM_STMT_PREPARE = 0x16;
  private static final int COM_STMT_EXECUTE = 0x17;
  private static final int COM_STMT_CLOSE = 0x19;

  private final Vertx vertx;
  private final NetClient client;
  private final List<Command> commands = new ArrayList<>();
  private int connections;
  private NetServer server;

  private MysqlCommandTap(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.createNetClient();
  }

  /** Starts a tap on 127.0.0.1 and a free port in front of the server {@code serverUri} names. */
  public static MysqlCommandTap startInFrontOf(Vertx vertx, URI serverUri) {
    MysqlCommandTap tap = new MysqlCommandTap(vertx);
    tap.server = Await.await(vertx.createNetServer()
        .connectHandler(inbound -> tap.proxy(inbound, serverUri.getHost(), serverUri.getPort()))
        .listen(0, "127.0.0.1"), Duration.ofSeconds(30));
    return tap;
  }

  /** {@code serverUri} reached through this tap. */
  public String uriThrough(URI serverUri) {
    String user = serverUri.getRawUserInfo() == null ? "" : serverUri.getRawUserInfo() + "@";
    String query = serverUri.getRawQuery() == null ? "" : "?" + serverUri.getRawQuery();
    return serverUri.getScheme() + "://" + user + "127.0.0.1:" + server.actualPort() + serverUri.getRawPath() + query;
  }

  /** Every command recorded so far (statement closes left out: the client sends them without waiting). */
  public synchronized List<Command> commands() {
    return List.copyOf(commands);
  }

  /** Forgets what was recorded so far. */
  public synchronized void clear() {
    commands.clear();
  }

  private synchronized int nextConnection() {
    return ++connections;
  }

  private synchronized void record(Command command) {
    commands.add(command);
  }

  private void proxy(NetSocket inbound, String host, int port) {
    inbound.pause();
    client.connect(port, host).onComplete(connected -> {
      if (connected.failed()) {
        inbound.close();
        return;
      }
      NetSocket outbound = connected.result();
      Connection connection = new Connection(nextConnection());
      inbound.handler(bytes -> {
        connection.fromClient(bytes);
        outbound.write(bytes);
      });
      outbound.handler(bytes -> {
        connection.fromServer(bytes);
        inbound.write(bytes);
      });
      inbound.closeHandler(ignored -> outbound.close());
      outbound.closeHandler(ignored -> inbound.close());
      inbound.resume();
    });
  }

  /** One client connection's protocol state: packet framing both ways, prepared statements, the open transaction. */
  private final class Connection {
    private final int number;
    private final Packets client = new Packets();
    private final Packets server = new Packets();
    private final Map<Long, String> prepared = new HashMap<>();
    private String preparing;
    private boolean inTransaction;
    /** After {@code SET autocommit = 0}: each statement outside a transaction begins one. */
    private boolean autocommitOff;
    private boolean handshakeDone;

    Connection(int number) {
      this.number = number;
    }

    void fromClient(Buffer bytes) {
      client.add(bytes, (sequence, payload) -> {
        if (sequence != 0 || payload.length() == 0 || !handshakeDone) {
          return;
        }
        int command = payload.getUnsignedByte(0);
        switch (command) {
          case COM_QUERY -> command(payload.getString(1, payload.length(), StandardCharsets.UTF_8.name()));
          case COM_STMT_PREPARE -> {
            preparing = payload.getString(1, payload.length(), StandardCharsets.UTF_8.name());
            record(new Command(number, "PREPARE " + oneLine(preparing), false));
          }
          case COM_STMT_EXECUTE -> command(prepared.getOrDefault(payload.getUnsignedIntLE(1), "?unknown statement"));
          case COM_STMT_CLOSE -> { }
          default -> record(new Command(number, "command 0x" + Integer.toHexString(command), false));
        }
      });
    }

    void fromServer(Buffer bytes) {
      server.add(bytes, (sequence, payload) -> {
        if (!handshakeDone && sequence >= 2 && payload.length() > 0 && payload.getUnsignedByte(0) == 0x00) {
          handshakeDone = true; // the OK after the client's authentication
          return;
        }
        if (preparing != null && sequence == 1 && payload.length() >= 5 && payload.getUnsignedByte(0) == 0x00) {
          prepared.put(payload.getUnsignedIntLE(1), preparing);
          preparing = null;
        }
      });
    }

    private void command(String sql) {
      String text = oneLine(sql);
      String verb = text.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      boolean commit;
      boolean begins = verb.equals("BEGIN") || verb.equals("START");
      if (text.toUpperCase(Locale.ROOT).replace(" ", "").startsWith("SETAUTOCOMMIT=")) {
        autocommitOff = text.replace(" ", "").endsWith("=0");
      } else if (autocommitOff && !inTransaction && !verb.equals("COMMIT") && !verb.equals("ROLLBACK")) {
        inTransaction = true; // with autocommit off, a statement begins a transaction
        begins = true;
      }
      switch (verb) {
        case "BEGIN", "START" -> {
          inTransaction = true;
          commit = false;
        }
        case "COMMIT" -> {
          inTransaction = false;
          commit = true;
        }
        case "ROLLBACK" -> {
          inTransaction = false;
          commit = false;
        }
        case "INSERT", "UPDATE", "DELETE", "REPLACE" -> commit = !inTransaction;
        default -> commit = false;
      }
      record(new Command(number, text, commit, begins));
    }
  }

  private static String oneLine(String sql) {
    return sql.replaceAll("\\s+", " ").trim();
  }

  /** MySQL packet framing: 3 bytes length, 1 byte sequence, payload; a payload of 2^24-1 bytes continues. */
  private static final class Packets {
    interface Sink {
      void packet(int sequence, Buffer payload);
    }

    private Buffer pending = Buffer.buffer();

    void add(Buffer bytes, Sink sink) {
      pending.appendBuffer(bytes);
      int at = 0;
      while (pending.length() - at >= 4) {
        int length = pending.getUnsignedMediumLE(at);
        if (pending.length() - at - 4 < length) {
          break;
        }
        sink.packet(pending.getUnsignedByte(at + 3), pending.getBuffer(at + 4, at + 4 + length));
        at += 4 + length;
      }
      pending = pending.getBuffer(at, pending.length());
    }
  }

  @Override
  public void close() {
    Await.await(Future.join(server.close(), client.close()), Duration.ofSeconds(10));
  }
}
