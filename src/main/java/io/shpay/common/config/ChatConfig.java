package io.shpay.common.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code chat.*} keys: which OpenAI-compatible Chat Completions endpoint the assistant uses
 * (none: the built-in offline assistant answers), how far one answer may go, and what is kept.
 *
 * @param modelBaseUrl API root such as {@code https://api.openai.com/v1}; requests go to
 *     {@code {modelBaseUrl}/chat/completions}. Empty means offline.
 * @param modelName the {@code model} sent with every request
 * @param modelApiKey sent as {@code Authorization: Bearer}; optional for self-hosted servers
 * @param modelTimeout how long one model call may take before the answer is a 503
 * @param maxToolSteps model round trips with tool calls before the assistant stops looking things up
 * @param memoryTtl how long a quiet conversation is remembered
 * @param memoryMaxTurns the exchanges (a question and its answer) kept per conversation
 * @param rateLimitPerMinute messages one user may send per minute
 * @param maxTokens the {@code max_tokens} sent with every model request: the longest answer one call may cost
 * @param tokensPerUserPerDay model tokens (prompt and answer, as the model reports them) one user may spend per day
 */
public record ChatConfig(
    Optional<String> modelBaseUrl,
    String modelName,
    Optional<Secret> modelApiKey,
    Duration modelTimeout,
    int maxToolSteps,
    Duration memoryTtl,
    int memoryMaxTurns,
    int rateLimitPerMinute,
    int maxTokens,
    int tokensPerUserPerDay) {

  /** True when no model is configured and the offline assistant answers. */
  public boolean offline() {
    return modelBaseUrl.isEmpty();
  }

  static ChatConfig read(ConfigReader reader) {
    Optional<String> baseUrl = reader.optionalString("chat.model.baseUrl").map(ignored -> reader.url("chat.model.baseUrl"));
    return new ChatConfig(
        baseUrl,
        reader.string("chat.model.name"),
        reader.optionalString("chat.model.apiKey").map(Secret::new),
        reader.duration("chat.model.timeout", Duration.ofMillis(100), Duration.ofMinutes(5)),
        reader.integer("chat.maxToolSteps", 1, 20),
        reader.duration("chat.memory.ttl", Duration.ofMinutes(1), Duration.ofDays(30)),
        reader.integer("chat.memory.maxTurns", 1, 200),
        reader.integer("chat.rateLimit.perMinute", 1, 10_000),
        reader.integer("chat.model.maxTokens", 16, 100_000),
        reader.integer("chat.rateLimit.tokensPerUserPerDay", 1, 100_000_000));
  }
}
