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
  record User(String name, String email, String accessToken, String rail, List<String> accountIds) {
  }

  static final String PASSWORD = "correct horse battery";

  final List<Merchant> merchants = new ArrayList<>();
  final List<User> users = new ArrayList<>();

  private final SimClient client;
  private final SimStack stack;
  private final io.shpay.sandbox.nh.FinAccountProof proof;

  Population(SimClient client, SimStack stack) {
    this.client = client;
    this.stack = stack;
    this.proof = new io.shpay.sandbox.nh.FinAccountProof(stack.vertx, stack.nh().baseUrl(),
        io.shpay.sandbox.nh.NhSandboxOptions.defaults());
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

  private Future<String> session(String name, String holderName) {
    String email = email(name);
    return client.send(HttpMethod.POST, "/api/v1/users", null, null, null,
            new JsonObject().put("email", email).put("name", holderName).put("password", PASSWORD))
        .compose(created -> login(email));
  }

  /** A fresh access token for the user (theirs expire while reconciliation moves SH Pay's clock by days). */
  Future<String> login(String email) {
    return client.send(HttpMethod.POST, "/api/v1/auth/login", null, null, null,
            new JsonObject().put("email", email).put("password", PASSWORD))
        .map(response -> expect(response, 200, "login of " + email).getString("accessToken"));
  }

  private final String run = Long.toHexString(System.nanoTime());

  private String email(String name) {
    return name + "-" + run + "@example.com";
  }

  /** A user named as the account's holder, with a FinAccount proven theirs by the code of NH's 1-won deposit. */
  private Future<User> nhUser(String name, Account account) {
    return session(name, account.holderName()).compose(token -> client.send(HttpMethod.POST, "/api/v1/fin-accounts", token,
            null, null, new JsonObject().put("bankCode", account.bankCode()).put("accountNumber", account.accountNumber())
                .put("birthDate", account.birthDate()))
        .compose(response -> {
          String id = expect(response, 201, "FinAccount of " + name).getString("id");
          return proof.confirm(client.request(HttpMethod.POST, "/api/v1/fin-accounts/" + id + "/verify")
                  .bearerTokenAuthentication(token), account.bankCode(), account.accountNumber())
              .map(verified -> new User(name, email(name), token, "NH", List.of(id)));
        }));
  }

  /** A user who consented at KFTC as the person, in the browser that asked (it carries SH Pay's consent cookie). */
  private Future<User> kftcUser(String name, String personSeqNo) {
    String[] cookie = new String[1];
    return session(name, "Kim Minji").compose(token -> client.send(HttpMethod.GET, "/api/v1/openbanking/authorize", token, null, null, null)
        .compose(authorize -> {
          cookie[0] = io.shpay.testing.BankingStack.consentCookie(authorize);
          return client.browse(expect(authorize, 200, "consent URL of " + name).getString("authorizeUrl")
              + "&sandbox_person=" + personSeqNo);
        })
        .compose(redirect -> {
          String location = redirect.getHeader("Location");
          if (redirect.statusCode() != 302 || location == null) {
            return Future.failedFuture(new AssertionError("KFTC did not redirect " + name + ": " + redirect.bodyAsString()));
          }
          URI uri = URI.create(location);
          return client.request(HttpMethod.GET, uri.getRawPath() + "?" + uri.getRawQuery()).putHeader("Cookie", cookie[0]).send();
        })
        .compose(callback -> {
          String location = callback.getHeader("Location");
          if (callback.statusCode() != 302 || location == null || !location.contains("result=linked")) {
            return Future.failedFuture(new AssertionError("consent of " + name + " failed: " + callback.statusCode() + " " + location));
          }
          return client.send(HttpMethod.GET, "/api/v1/accounts", token, null, null, null);
        })
        .map(accounts -> {
          JsonArray items = expect(accounts, 200, "accounts of " + name).getJsonArray("items", new JsonArray());
          List<String> ids = new ArrayList<>();
          items.forEach(item -> ids.add(((JsonObject) item).getString("id")));
          return new User(name, email(name), token, "KFTC", ids);
        }));
  }

  private static JsonObject expect(HttpResponse<Buffer> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new AssertionError(what + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }
}
