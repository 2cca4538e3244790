package io.shpay.common.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * Reads configuration from, in increasing priority: {@code conf/application.yaml}, the profile
 * file {@code conf/application-<profile>.yaml} (optional), the process environment, and finally
 * explicit overrides (tests). Files are read from the working directory, falling back to the
 * copies inside the jar, so {@code java -jar shpay.jar} runs anywhere.
 */
public final class ConfigLoader {

  public static final String PROFILE_ENV = "SHPAY_PROFILE";

  private ConfigLoader() {}

  public static Future<ShpayConfig> load(Vertx vertx, Optional<String> profile, boolean includeEnvironment,
      JsonObject overrides) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setScanPeriod(-1)
        .setIncludeDefaultStores(false)
        .addStore(yaml("conf/application.yaml", false));
    profile.ifPresent(name -> options.addStore(yaml("conf/application-" + name + ".yaml", true)));
    if (includeEnvironment) {
      options.addStore(new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("raw-data", true)));
    }
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(overrides));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .eventually(retriever::close)
        .map(ShpayConfig::from);
  }

  private static ConfigStoreOptions yaml(String path, boolean optional) {
    return new ConfigStoreOptions()
        .setType("file")
        .setFormat("yaml")
        .setOptional(optional)
        .setConfig(new JsonObject().put("path", path));
  }
}
