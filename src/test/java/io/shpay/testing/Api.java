package io.shpay.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.UUID;

/**
 * A real HTTP client for a {@link TestApp}, with the few calls most tests start from. Every response it receives is
 * checked against the operation's response schema in the OpenAPI contract ({@link ContractCheck}).
 */
public final class Api {

  public static final String PASSWORD = "correct horse battery";

  private final WebClient client;
  private final int port;

  public Api(Vertx vertx, TestApp app) {
    this.port = app.port();
    // Every answer is checked against the OpenAPI contract: a response that breaks it fails the test that asked.
    this.client = ContractCheck.checking(vertx, WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(app.port())
        // Redirects are answers to look at (the consent callback's return URL is an app's deep link).
        .setFollowRedirects(false)));
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, path);
  }

  /** A request to this app through another client (one sized for a race, say). */
  public HttpRequest<Buffer> request(WebClient other, HttpMethod method, String path) {
    return other.request(method, port, "127.0.0.1", path);
  }

  /**
   * A client with room for {@code connections} requests at once: Vert.x's default pool holds 5
   * connections per server, so "fifty concurrent" requests through the default client race five at a time.
   */
  public static WebClient racingClient(Vertx vertx, int connections) {
    return ContractCheck.checking(vertx,
        WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(connections)));
  }

  public Future<HttpResponse<Buffer>> post(String path, JsonObject body) {
    return client.post(path).sendJsonObject(body);
  }

  /** A GET, with the bearer token when one is given. */
  public Future<HttpResponse<Buffer>> get(String path, String accessToken) {
    HttpRequest<Buffer> request = client.get(path);
    return (accessToken == null ? request : request.bearerTokenAuthentication(accessToken)).send();
  }

  /** A fresh email no other test uses. */
  public static String uniqueEmail() {
    return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
  }

  public Future<HttpResponse<Buffer>> signUp(String email) {
    return signUp(email, "Kim Minji");
  }

  public Future<HttpResponse<Buffer>> signUp(String email, String name) {
    return post("/api/v1/users", new JsonObject().put("email", email).put("name", name).put("password", PASSWORD));
  }

  public Future<HttpResponse<Buffer>> login(String email, String password) {
    return post("/api/v1/auth/login", new JsonObject().put("email", email).put("password", password));
  }

  /** Signs up a new user and logs in: the token response body. */
  public Future<JsonObject> newSession() {
    return newSession("Kim Minji");
  }

  /** Signs up a new user with this name (a FinAccount's holder must have it) and logs in. */
  public Future<JsonObject> newSession(String name) {
    String email = uniqueEmail();
    return signUp(email, name)
        .compose(ignored -> login(email, PASSWORD))
        .map(response -> {
          if (response.statusCode() != 200) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.bodyAsString());
          }
          return response.bodyAsJsonObject();
        });
  }
}
