package io.shpay.api;

import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The contract's schema repository, with one validator per schema kept instead of one built per use. vertx-openapi
 * asks the repository for a validator for every parameter and body of every request, and building one copies the
 * repository's map of every schema in the document: that copy was 40 % of the service's CPU under load (BENCHMARKS,
 * the profile after the router moved to the contract). A validator holds no state between validations, so one per
 * schema serves every request on every thread. The contract's schemas are a fixed set, read once at start; the cache
 * keeps at most {@link #MAX_CACHED} of them so a caller building schemas on the fly cannot grow it without bound.
 * A schema simple enough for {@link SchemaFastPath} gets its checks in front of the library's validator
 * ({@link FastPathValidator}).
 */
final class CachedValidators implements SchemaRepository {

  static final int MAX_CACHED = 4_096;

  private final SchemaRepository repository;
  private final ConcurrentMap<SchemaIdentity, Validator> validators = new ConcurrentHashMap<>();

  CachedValidators(SchemaRepository repository) {
    this.repository = repository;
  }

  @Override
  public Validator validator(JsonSchema schema) {
    Validator cached = validators.get(new SchemaIdentity(schema));
    if (cached != null) {
      return cached;
    }
    Validator built = withFastPath(schema, repository.validator(schema));
    if (validators.size() < MAX_CACHED) {
      validators.putIfAbsent(new SchemaIdentity(schema), built);
    }
    return built;
  }

  /** The library's validator, behind plain checks read from the schema when it uses only keywords they model. */
  private static Validator withFastPath(JsonSchema schema, Validator library) {
    SchemaFastPath checks = schema instanceof JsonObject object ? SchemaFastPath.of(object) : null;
    return checks == null ? library : new FastPathValidator(checks, library);
  }

  @Override
  public SchemaRepository dereference(JsonSchema schema) {
    repository.dereference(schema);
    return this;
  }

  @Override
  public SchemaRepository dereference(String uri, JsonSchema schema) {
    repository.dereference(uri, schema);
    return this;
  }

  @Override
  public SchemaRepository preloadMetaSchema(FileSystem fs) {
    repository.preloadMetaSchema(fs);
    return this;
  }

  @Override
  public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
    repository.preloadMetaSchema(fs, draft);
    return this;
  }

  @Override
  public Validator validator(String ref) {
    return repository.validator(ref);
  }

  @Override
  public Validator validator(String ref, JsonSchemaOptions options) {
    return repository.validator(ref, options);
  }

  @Override
  public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
    return repository.validator(schema, options, dereference);
  }

  @Override
  public JsonObject resolve(JsonObject schema) {
    return repository.resolve(schema);
  }

  @Override
  public JsonSchema find(String pointer) {
    return repository.find(pointer);
  }

  /** A schema by identity: the contract hands out the same instance for a parameter or body every time. */
  private record SchemaIdentity(JsonSchema schema) {
    @Override
    public boolean equals(Object other) {
      return other instanceof SchemaIdentity that && that.schema == schema;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(schema);
    }
  }
}
