package io.shpay.bench;

import io.shpay.sandbox.nh.FinAccountProof;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What every scenario shares: the bench's own Vert.x, the load generator, an HTTP client for SH Pay's API, direct
 * clients for the servers behind it (opened on first use, closed at the end) and the API calls that set up users,
 * merchants and accounts. Scenarios call {@link #await} from the bench's main thread, never from an event loop.
 */
public final class BenchContext implements AutoCloseable {

  /** The seeded NH account with the most money (conf/sandbox/nh-seed.json) that is not SH Pay's settlement account. */
  static final String NH_BANK = "011";
  static final String NH_ACCOUNT = "3020000023452";
  static final String NH_BIRTH = "1988-09-23";
  /** Its holder: bench users carry this name, since SH Pay issues a FinAccount only to the account's holder. */
  static final String NH_HOLDER = "이서준";
  static final String PASSWORD = "bench user password";

  /** A seeded NH account (conf/sandbox/nh-seed.json) the bench's users pay from; users carry its holder's name. */
  record NhAccount(String bank, String number, String birthDate, String holder) {}

  /**
   * The seeded personal accounts with money enough for a run (not SH Pay's settlement account, not the one holding
   * 15,000 won). FinAccounts over different accounts are proven in parallel, one at a time per account.
   */
  static final List<NhAccount> NH_ACCOUNTS = List.of(
      new NhAccount(NH_BANK, NH_ACCOUNT, NH_BIRTH, NH_HOLDER),
      new NhAccount("011", "3020000012341", "1995-04-12", "김민지"),
      new NhAccount("012", "35205678901234", "1976-03-05", "최도윤"));

  private final Vertx vertx;
  private final BenchOptions options;
  private final Target target;
  private final LoadGenerator load;
  private final WebClient api;
  private final WebClient plain;
  private final List<URI> replicas = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong nextReplica = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean firstReplicaOnly;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private Pool mysql;
  private RedisAPI redis;
  private FinAccountProof proof;
  private final java.util.Map<String, Future<?>> finAccounts = new java.util.HashMap<>();
  private final ProcessCpu cpu;
  private final Optional<String> floorUrl;
  private Quiet quiet;
  private java.util.Map<String, Double> idleCores = java.util.Map.of();
  private Population population;
  private JsonObject lastWarmUp;
  /** The JIT compilers' CPU, all processes together, under which a warm-up counts as done. */
  static final double JIT_SETTLED_CORES = 0.05;

  /**
   * @param cpu      the processes whose CPU each measured phase reports
   * @param floorUrl the floor server the bench started in its own JVM, or empty to start one on this Vert.x
   */
  public BenchContext(Vertx vertx, BenchOptions options, Target target, ProcessCpu cpu, Optional<String> floorUrl) {
    this.vertx = vertx;
    this.options = options;
    this.target = target;
    this.cpu = cpu;
    this.floorUrl = floorUrl;
    this.load = new LoadGenerator(vertx);
    URI base = URI.create(target.baseUrl());
    replicas.add(URI.create("http://" + base.getHost() + ":" + (base.getPort() < 0 ? 80 : base.getPort())));
    target.otherReplicas().forEach(url -> replicas.add(URI.create(url)));
    int connections = Math.max(options.maxInFlight(), options.workers());
    this.api = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost())
        .setDefaultPort(base.getPort() < 0 ? 80 : base.getPort()).setKeepAlive(true).setTcpNoDelay(true)
        .setConnectTimeout(10_000).setIdleTimeout(60), new PoolOptions().setHttp1MaxSize(connections)
        .setMaxWaitQueueSize(-1));
    this.plain = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  public Vertx vertx() {
    return vertx;
  }

  public BenchOptions options() {
    return options;
  }

  public Target target() {
    return target;
  }

  public LoadGenerator load() {
    return load;
  }

  ProcessCpu cpu() {
    return cpu;
  }

  Optional<String> floorUrl() {
    return floorUrl;
  }

  /**
   * Runs a measured phase: the CPU of every process from its start until the stack is quiet again (every event
   * published and consumed, so the work a payment leaves behind is counted with it), divided by its completed
   * operations, rides in the result's {@code cpu}; how long the quiet took in {@code quiet}.
   */
  public PhaseResult measure(String scenario, Phase phase, Operation operation) {
    java.util.Map<String, Long> asked = MysqlCounters.read(mysql());
    ProcessCpu.Snapshot before = cpu.snapshot();
    PhaseResult result = load.runBlocking(scenario, phase, operation);
    JsonObject settled = quiet();
    ProcessCpu.Snapshot after = cpu.snapshot();
    JsonObject extra = new JsonObject().put("cpu", before.perOperation(after, result.ok(), idleCores))
        .put("quiet", settled)
        .put("mysql", MysqlCounters.perOperation(asked, MysqlCounters.read(mysql()), result.ok()));
    if (lastWarmUp != null) {
      extra.put("warmUp", lastWarmUp); // reported with the first phase measured after it
      lastWarmUp = null;
    }
    return result.withExtra(extra);
  }

  /**
   * Measures what each process draws with no load at all (timers, polls, heartbeats, the other engineers' noise does
   * not count: it is other processes), so every phase can also report its CPU per operation net of it.
   */
  public JsonObject measureIdle(java.time.Duration length) {
    quiet();
    ProcessCpu.Snapshot before = cpu.snapshot();
    try {
      Thread.sleep(length.toMillis()); // the bench's main thread, never an event loop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    idleCores = before.cores(cpu.snapshot());
    JsonObject idle = new JsonObject();
    idleCores.forEach((name, cores) -> idle.put(name, Math.round(cores * 1000) / 1000.0));
    return idle;
  }

  /**
   * An unmeasured phase (warm-up), run again in slices of its length while the JVMs' JIT compilers are still busy
   * (over {@link #JIT_SETTLED_CORES} together in the last slice), for at most {@code bench.warmupLimit} (120 s) in all;
   * then the quiet step, so its backlog does not spill into the next phase. A phase measured while C2 still compiles
   * the hot path counts a one-off start-up cost as CPU per operation (the service's first minute under load spent a
   * third of its CPU compiling).
   *
   * @return how long the warm-up ran, and what the compilers used in its last slice
   */
  public JsonObject warmUp(String scenario, Phase phase, Operation operation) {
    long limitNanos = options.option("bench.warmupLimit").map(BenchOptions::parseDuration)
        .orElse(java.time.Duration.ofSeconds(120)).toNanos();
    long started = System.nanoTime();
    long slices = 0;
    double jitCores;
    do {
      long offset = slices++ * 1_000_000_000L; // every slice's operations get fresh numbers (order ids)
      ProcessCpu.Snapshot before = cpu.snapshot();
      load.runBlocking(scenario, phase, index -> operation.run(offset + index));
      jitCores = before.jitCores(cpu.snapshot());
    } while (jitCores > JIT_SETTLED_CORES && System.nanoTime() - started + phase.duration().toNanos() <= limitNanos);
    quiet();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("bench:   warm-up %.0f s (%d × %s), JIT compilers %.2f cores in its last slice%n", seconds,
        slices, phase.duration().toSeconds() + " s", jitCores);
    lastWarmUp = new JsonObject().put("seconds", Math.round(seconds))
        .put("lastSliceJitCores", Math.round(jitCores * 100) / 100.0);
    return lastWarmUp;
  }

  /** Waits until the outbox is empty and every SH Pay consumer group has read the topic to its end. */
  public synchronized JsonObject quiet() {
    if (quiet == null) {
      quiet = new Quiet(this);
      closing.add(quiet);
    }
    return quiet.await();
  }

  /** The run's users and merchants, made on first use and shared by every scenario. */
  public synchronized Population population() {
    if (population == null) {
      population = Population.create(this, options.users(), options.merchants());
    }
    return population;
  }

  /** A client with SH Pay's base URL as default host and port. */
  public WebClient api() {
    return api;
  }

  /** A client for absolute URLs (the sandboxes), not following redirects. */
  public WebClient plain() {
    return plain;
  }

  /** A MySQL pool on the stack's database, sized as SH Pay's own ({@code mysql.poolSize} 16). */
  public synchronized Pool mysql() {
    if (mysql == null) {
      mysql = MySQLBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(16).setMaxWaitQueueSize(-1))
          .connectingTo(new io.vertx.mysqlclient.MySQLConnectOptions(io.vertx.mysqlclient.MySQLConnectOptions
              .fromUri(target.mysqlUri())).setCachePreparedStatements(true))
          .using(vertx).build();
      Pool pool = mysql;
      closing.add(() -> await(pool.close()));
    }
    return mysql;
  }

  /** A Redis client on the stack's Redis, pooled as SH Pay's own ({@code redis.poolSize} 16). */
  public synchronized RedisAPI redis() {
    if (redis == null) {
      Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(target.redisUri())
          .setMaxPoolSize(16).setMaxPoolWaiting(100_000).setMaxWaitingHandlers(100_000));
      redis = RedisAPI.api(client);
      closing.add(client::close);
    }
    return redis;
  }

  public void closeLater(AutoCloseable resource) {
    closing.add(resource);
  }

  // --- API calls that set the stage -------------------------------------------------------------------------------

  /** The JSON body of {@code response} if its status is {@code status}, else a failure naming both. */
  public static JsonObject expect(HttpResponse<Buffer> response, int status, String what) {
    if (response.statusCode() != status) {
      String body = response.bodyAsString();
      throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " "
          + (body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body));
    }
    return response.body() == null || response.body().length() == 0 ? new JsonObject() : response.bodyAsJsonObject();
  }

  /**
   * A request to SH Pay: with several replicas, to each in turn (unless {@link #firstReplicaOnly} is set), so the
   * load splits evenly between them; they share the database, so any call may go to any.
   */
  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    if (replicas.size() == 1 || firstReplicaOnly) {
      return api.request(method, path).timeout(30_000);
    }
    URI replica = replicas.get((int) Math.floorMod(nextReplica.getAndIncrement(), (long) replicas.size()));
    return api.request(method, replica.getPort(), replica.getHost(), path).timeout(30_000);
  }

  /** SH Pay's processes: the first, then the others the bench started ({@code bench.replicas}). */
  public int replicas() {
    return replicas.size();
  }

  /** While set, every request goes to the first replica: the baseline a second replica's gain is read against. */
  public void firstReplicaOnly(boolean only) {
    firstReplicaOnly = only;
  }

  /** Logs in: the access token. */
  public Future<String> login(String email, String password) {
    return request(HttpMethod.POST, "/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("email", email).put("password", password))
        .map(r -> expect(r, 200, "login " + email).getString("accessToken"));
  }

  /** Signs a new user up and logs in: the access token. */
  public Future<String> newUser() {
    return newUser(NH_HOLDER);
  }

  /** Signs a new user named {@code name} up and logs in: the access token. */
  public Future<String> newUser(String name) {
    String email = "bench-" + UUID.randomUUID().toString().substring(0, 13) + "@example.com";
    return request(HttpMethod.POST, "/api/v1/users")
        .sendJsonObject(new JsonObject().put("email", email).put("name", name).put("password", PASSWORD))
        .map(r -> expect(r, 201, "sign-up"))
        .compose(created -> login(email, PASSWORD));
  }

  /** A new merchant created by the admin: {@code {id, name, apiKey}}. */
  public Future<JsonObject> newMerchant() {
    return login(target.adminEmail(), target.adminPassword()).compose(admin -> request(HttpMethod.POST,
            "/api/v1/admin/merchants").bearerTokenAuthentication(admin)
        .sendJsonObject(new JsonObject().put("name", "Bench Shop " + UUID.randomUUID().toString().substring(0, 8))))
        .map(r -> expect(r, 201, "merchant"));
  }

  /**
   * Issues an NH FinAccount over the bench's seeded NH account for the user and proves it with the code of its
   * 1-won deposit, read from the NH sandbox: its SH Pay id. One at a time, so each reads its own deposit.
   */
  public Future<String> finAccount(String accessToken) {
    return finAccount(accessToken, NH_ACCOUNTS.get(0));
  }

  /** As {@link #finAccount(String)}, over {@code account}, whose holder the user must be named after. */
  public Future<String> finAccount(String accessToken, NhAccount account) {
    // Its own lock, not this context's: the main thread holds that one while it waits for these very proofs.
    synchronized (finAccounts) {
      return proveAfterPrevious(accessToken, account);
    }
  }

  private Future<String> proveAfterPrevious(String accessToken, NhAccount account) {
    Future<?> previous = finAccounts.getOrDefault(account.number(), Future.succeededFuture());
    Future<String> proven = previous.transform(done -> request(HttpMethod.POST, "/api/v1/fin-accounts")
        .bearerTokenAuthentication(accessToken)
        .sendJsonObject(new JsonObject().put("bankCode", account.bank()).put("accountNumber", account.number())
            .put("birthDate", account.birthDate()))
        .map(r -> expect(r, 201, "fin account").getString("id"))
        .compose(id -> proof().confirm(request(HttpMethod.POST, "/api/v1/fin-accounts/" + id + "/verify")
            .bearerTokenAuthentication(accessToken), account.bank(), account.number()).map(id)));
    finAccounts.put(account.number(), proven.map(id -> null));
    return proven;
  }

  private FinAccountProof proof() {
    if (target.nhBaseUrl() == null) {
      throw new IllegalStateException("The bench needs the NH sandbox's URL (bench.nhUrl) to prove FinAccounts");
    }
    if (proof == null) {
      proof = new FinAccountProof(vertx, target.nhBaseUrl());
    }
    return proof;
  }

  /**
   * Links the user's banks at KFTC as the sandbox's first demo person: asks SH Pay for the consent URL, submits the
   * sandbox's consent form as a browser would, and follows the redirect back to SH Pay's callback. The linked
   * accounts.
   */
  public Future<JsonArray> linkBanks(String accessToken) {
    String[] consentCookie = new String[1];
    return request(HttpMethod.GET, "/api/v1/openbanking/authorize").bearerTokenAuthentication(accessToken).send()
        .compose(r -> {
          URI authorize = URI.create(expect(r, 200, "authorize").getString("authorizeUrl"));
          // The consent is bound to the browser that asked for it: keep its cookie for the callback.
          consentCookie[0] = r.cookies().stream().filter(c -> c.startsWith("shpay_consent=")).findFirst()
              .map(c -> c.split(";", 2)[0]).orElseThrow(() -> new IllegalStateException("no consent cookie"));
          io.vertx.core.MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
          for (String pair : authorize.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            form.add(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
          }
          form.add("decision", "approve");
          String approve = authorize.getScheme() + "://" + authorize.getRawAuthority() + "/oauth/2.0/authorize/approve";
          return plain.postAbs(approve).sendForm(form);
        })
        .compose(redirect -> {
          String location = redirect.getHeader("Location");
          if (redirect.statusCode() != 302 || location == null) {
            throw new IllegalStateException("KFTC sandbox consent: HTTP " + redirect.statusCode());
          }
          URI callback = URI.create(location);
          return request(HttpMethod.GET, callback.getRawPath() + "?" + callback.getRawQuery())
              .putHeader("Cookie", consentCookie[0]).followRedirects(false).send();
        })
        .compose(r -> {
          String back = r.getHeader("Location");
          if (r.statusCode() != 302 || back == null || !back.contains("result=linked")) {
            throw new IllegalStateException("consent callback: HTTP " + r.statusCode() + " to " + back);
          }
          return request(HttpMethod.GET, "/api/v1/accounts").bearerTokenAuthentication(accessToken).send();
        })
        .map(r -> expect(r, 200, "accounts").getJsonArray("items", new JsonArray()));
  }

  /** Waits for {@code future} on the calling thread (never an event loop). */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    List<AutoCloseable> reversed = new ArrayList<>(closing);
    java.util.Collections.reverse(reversed);
    for (AutoCloseable resource : reversed) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("bench: closing " + resource + " failed: " + e);
      }
    }
    api.close();
    plain.close();
  }
}
