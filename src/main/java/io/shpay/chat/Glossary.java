package io.shpay.chat;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finance terms in Korean and English, from {@code chat/glossary.json} on the class path. */
final class Glossary {

  static final String RESOURCE = "chat/glossary.json";

  record Term(String korean, String english, List<String> aliases, String koreanDefinition, String englishDefinition) {

    JsonObject toJson() {
      return new JsonObject().put("term", korean + " (" + english + ")")
          .put("ko", new JsonObject().put("name", korean).put("definition", koreanDefinition))
          .put("en", new JsonObject().put("name", english).put("definition", englishDefinition));
    }

    List<String> names() {
      List<String> names = new ArrayList<>(List.of(korean, english));
      names.addAll(aliases);
      return names;
    }
  }

  private record Spelling(String normalized, Pattern latin, Term term) {}

  private final List<Term> terms;
  /** Every spelling, longest first, so "연이율" is found before "이자" would be. */
  private final List<Spelling> spellings = new ArrayList<>();

  private Glossary(List<Term> terms) {
    this.terms = List.copyOf(terms);
    for (Term term : terms) {
      for (String name : term.names()) {
        String normalized = normalize(name);
        Pattern latin = name.chars().anyMatch(c -> c >= 0xAC00 && c <= 0xD7A3) ? null
            : Pattern.compile("(?<![a-z0-9])" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "(?![a-z0-9])");
        spellings.add(new Spelling(normalized, latin, term));
      }
    }
    spellings.sort(Comparator.comparingInt((Spelling s) -> s.normalized().length()).reversed());
  }

  static Glossary load() {
    try (InputStream in = Glossary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      JsonObject json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<Term> terms = new ArrayList<>();
      json.getJsonArray("terms").forEach(raw -> {
        JsonObject t = (JsonObject) raw;
        terms.add(new Term(t.getString("ko"), t.getString("en"),
            t.getJsonArray("aliases").stream().map(String::valueOf).toList(),
            t.getString("koDefinition"), t.getString("enDefinition")));
      });
      return new Glossary(terms);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Term> terms() {
    return terms;
  }

  /** The term named exactly (ignoring case, spaces and a few particles), else the longest term the text contains. */
  Optional<Term> lookup(String query) {
    String normalized = normalize(query);
    for (Spelling spelling : spellings) {
      if (spelling.normalized().equals(normalized)) {
        return Optional.of(spelling.term());
      }
    }
    return find(query);
  }

  /** The longest term mentioned anywhere in a sentence. */
  Optional<Term> find(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String compact = normalize(text);
    for (Spelling spelling : spellings) {
      boolean found = spelling.latin() != null ? spelling.latin().matcher(lower).find()
          : compact.contains(spelling.normalized());
      if (found) {
        return Optional.of(spelling.term());
      }
    }
    return Optional.empty();
  }

  private static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[\\s?!.,'\"]", "");
  }
}
