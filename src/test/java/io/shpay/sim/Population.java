package io.shpay.sim;

import io.shpay.sandbox.nh.Account;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The simulated people: merchants with API keys, users paying from an NH FinAccount or from KFTC-linked accounts. */
final class Population {

  /** A merchant as its server knows itself. */
  record Merchant(String name, String id, String apiKey) {
  }

  /** A user as their app knows them: the access token and the SH Pay ids of the accounts they pay from. */
  record User(String name, String accessToken, String rail, List<String> accountIds) {
  }

  static final String PASSWORD = "correct horse battery";

  final List<Merchant> merchants = new ArrayList<>();
  final List<User> users = new ArrayList<>();

  private final SimClient client;
  private final SimStack stack;

  Population(SimClient client, SimStack stack) {
    this.client = client;
    this.stack = stack;
  }

  /**
   * Creates everyone before any fault: {@code merchantCount} merchants, and users for the first
   * {@code perRail} seeded NH accounts and KFTC people (signing up is slow: passwords are hashed slowly).
   */
  Future<Population> create(int merchantCount, int perRail) {
    Future<Void> done = adminToken().compose(admin -> {
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < merchantCount; i++) {
        String name = "merchant-" + i;
        chain = chain.compose(previous -> merchant(admin, name)).map(merchant -> {
          merchants.add(merchant);
          return null;
        });
      }
      return chain;
    });
    List<Account> nhAccounts = stack.nh().bank().accounts().stream().filter(a -> a.birthDate().length() == 8)
        .limit(perRail).toList();
    for (int i = 0; i < nhAccounts.size(); i++) {
      Account account = nhAccounts.get(i);
      String name = "nh-user-" + i;
      done = done.compose(previous -> nhUser(name, account)).map(user -> {
        users.add(user);
        return null;
      });
    }
    List<String> people = stack.kftc().bank().personIds().stream().limit(perRail).toList();
    for (int i = 0; i < people.size(); i++) {
      String person = people.get(i);
      String name = "kftc-user-" + i;
      done = done.compose(previous -> kftcUser(name, person)).map(user -> {
        users.add(user);
        return null;
      });
    }
    return done.map(this);
  }

  private Future<String> adminToken() {
    return client.send(HttpMethod.POST, "/api/v1/auth/login", null, null, null,
            new JsonObject().put("email", SimStack.ADMIN_EMAIL).put("password", SimStack.ADMIN_PASSWORD))
        .map(response -> expect(response, 200, "admin login").getString("accessToken"));
  }

  private Future<Merchant> merchant(String admin, String name) {
    return client.send(HttpMethod.POST, "/api/v1/admin/merchants", admin, null, null, new JsonObject().put("name", name))
        .map(response -> {
          JsonObject created = expect(response, 201, "merchant " + name);
          return new Merchant(name, created.getString("id"), created.getString("apiKey"));
        });
  }

  private Future<String> session(String name) {
    String email = name + "-" + Long.toHexString(System.nanoTime()) + "@example.com";
    return client.send(HttpMethod.POST, "/api/v1/users", null, null, null,
            new JsonObject().put("email", email).put("name", "Kim Minji").put("password", PASSWORD))
        .compose(created -> client.send(HttpMethod.POST, "/api/v1/auth/login", null, null, null,
            new JsonObject().put("email", email).put("password", PASSWORD)))
        .map(response -> expect(response, 200, "login of " + name).getString("accessToken"));
  }

  private Future<User> nhUser(String name, Account account) {
    return session(name).compose(token -> client.send(HttpMethod.POST, "/api/v1/fin-accounts", token, null, null,
            new JsonObject().put("bankCode", account.bankCode()).put("accountNumber", account.accountNumber())
                .put("birthDate", account.birthDate()))
        .map(response -> new User(name, token, "NH", List.of(expect(response, 201, "FinAccount of " + name).getString("id")))));
  }

  private Future<User> kftcUser(String name, String personSeqNo) {
    return session(name).compose(token -> client.send(HttpMethod.GET, "/api/v1/openbanking/authorize", token, null, null, null)
        .compose(authorize -> client.browse(expect(authorize, 200, "consent URL of " + name).getString("authorizeUrl")
            + "&sandbox_person=" + personSeqNo))
        .compose(redirect -> {
          String location = redirect.getHeader("Location");
          if (redirect.statusCode() != 302 || location == null) {
            return Future.failedFuture(new AssertionError("KFTC did not redirect " + name + ": " + redirect.bodyAsString()));
          }
          URI uri = URI.create(location);
          return client.send(HttpMethod.GET, uri.getRawPath() + "?" + uri.getRawQuery(), token, null, null, null);
        })
        .map(callback -> {
          JsonArray items = expect(callback, 200, "consent callback of " + name).getJsonArray("items", new JsonArray());
          List<String> ids = new ArrayList<>();
          items.forEach(item -> ids.add(((JsonObject) item).getString("id")));
          return new User(name, token, "KFTC", ids);
        }));
  }

  private static JsonObject expect(HttpResponse<Buffer> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new AssertionError(what + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }
}
