package io.shpay.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@link TestApp} for the whole test class, with an {@link Api} client pointed at it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningApp SHPAY = new RunningApp(() -> new JsonObject().put("SHPAY_ADMIN_EMAIL", "..."));
 * }</pre>
 *
 * It waits on the test thread (never an event loop) for start-up and shutdown.
 */
public final class RunningApp implements BeforeAllCallback, AfterAllCallback {

  private static final long START_TIMEOUT_SECONDS = 120;

  private final Supplier<JsonObject> overrides;
  private Vertx clientVertx;
  private TestApp app;
  private Api api;

  public RunningApp() {
    this(JsonObject::new);
  }

  /** {@code overrides} is called at start-up, after the test servers exist. */
  public RunningApp(Supplier<JsonObject> overrides) {
    this.overrides = overrides;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    app = TestApp.start(overrides.get()).toCompletionStage().toCompletableFuture()
        .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    clientVertx = Vertx.vertx();
    api = new Api(clientVertx, app);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (app != null) {
      app.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (clientVertx != null) {
      clientVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  public Api api() {
    return api;
  }

  public TestApp app() {
    return app;
  }
}
