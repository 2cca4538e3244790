package io.shpay.sandbox.kftc;

import io.shpay.sandbox.Seeds;
import io.shpay.sandbox.Seeds.Source;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.shpay.sandbox.Seeds.matching;
import static io.shpay.sandbox.Seeds.required;
import static io.shpay.sandbox.Seeds.text;

/**
 * Builds the sandbox bank from the seed JSON (see {@code conf/sandbox/kftc-seed.json}), which
 * {@link Seeds} finds and reads; a broken seed stops the sandbox with a message naming the field.
 * Blocking: call it off the event loop.
 */
final class SeedLoader {

  static final String DEFAULT_LOCATION = "conf/sandbox/kftc-seed.json";

  private static final Logger LOG = LoggerFactory.getLogger(SeedLoader.class);
  private static final Pattern USER_SEQ_NO = Pattern.compile("\\d{10}");
  private static final Pattern FINTECH_USE_NUM = Pattern.compile("\\d{24}");
  private static final Pattern BANK_CODE = Pattern.compile("\\d{3}");
  private static final Pattern BANK_CODE_SUB = Pattern.compile("\\d{7}");
  private static final Pattern ACCOUNT_NUM = Pattern.compile("[0-9-]{6,20}");
  private static final Pattern ACCOUNT_TYPE = Pattern.compile("[126T]");
  private static final long DEFAULT_DAILY_WITHDRAW_LIMIT = 10_000_000L;

  private SeedLoader() {
  }

  static Bank load(Path seedFile, LocalDate today) {
    Source source = Seeds.read(seedFile, DEFAULT_LOCATION, "KFTC");
    Bank bank = Seeds.parse(source, "KFTC", seed -> parse(seed, today));
    LOG.info("KFTC sandbox seeded from {}: {} people", source.name(), bank.people().size());
    return bank;
  }

  static Bank parse(JsonObject seed, LocalDate today) {
    JsonObject history = seed.getJsonObject("history", new JsonObject());
    var generator = new HistoryGenerator(history.getLong("seed", 20260101L),
        positive(history.getInteger("transactions_per_account", 60), "history.transactions_per_account"),
        positive(history.getInteger("days", 88), "history.days"));

    JsonObject inst = required(seed.getJsonObject("institution"), "institution");
    var institution = new Institution(text(inst, "holder_name", "institution"),
        matching(inst, "bank_code_std", BANK_CODE, "institution"), matching(inst, "bank_code_sub", BANK_CODE_SUB, "institution"),
        text(inst, "bank_name", "institution"));

    JsonArray peopleJson = required(seed.getJsonArray("people"), "people");
    if (peopleJson.isEmpty()) {
      throw new IllegalArgumentException("people must name at least one person");
    }
    Set<String> seenPeople = new HashSet<>();
    Set<String> seenAccounts = new HashSet<>();
    List<Person> people = new ArrayList<>();
    long seq = 1;
    for (int p = 0; p < peopleJson.size(); p++) {
      String where = "people[" + p + "]";
      JsonObject personJson = peopleJson.getJsonObject(p);
      String userSeqNo = matching(personJson, "user_seq_no", USER_SEQ_NO, where);
      if (!seenPeople.add(userSeqNo)) {
        throw new IllegalArgumentException(where + ".user_seq_no " + userSeqNo + " appears twice");
      }
      String userName = text(personJson, "user_name", where);
      JsonArray accountsJson = required(personJson.getJsonArray("accounts"), where + ".accounts");
      List<Account> accounts = new ArrayList<>();
      for (int a = 0; a < accountsJson.size(); a++) {
        String at = where + ".accounts[" + a + "]";
        JsonObject json = accountsJson.getJsonObject(a);
        String fintechUseNum = matching(json, "fintech_use_num", FINTECH_USE_NUM, at);
        if (!seenAccounts.add(fintechUseNum)) {
          throw new IllegalArgumentException(at + ".fintech_use_num " + fintechUseNum + " appears twice");
        }
        long balance = required(json.getLong("balance"), at + ".balance");
        var account = new Account(fintechUseNum, userSeqNo, matching(json, "bank_code_std", BANK_CODE, at),
            matching(json, "bank_code_sub", BANK_CODE_SUB, at), text(json, "bank_name", at),
            matching(json, "account_num", ACCOUNT_NUM, at), text(json, "account_num_masked", at),
            json.getString("account_seq", ""), json.getString("account_alias", ""),
            json.getString("account_holder_name", userName), matching(json, "account_type", ACCOUNT_TYPE, at),
            json.getString("product_name", ""), json.getString("account_issue_date", ""),
            json.getLong("daily_withdraw_limit", DEFAULT_DAILY_WITHDRAW_LIMIT), balance);
        List<Transaction> lines = generator.generate(fintechUseNum, balance, today, seq);
        lines.forEach(account::addHistory);
        seq += lines.size();
        accounts.add(account);
      }
      people.add(new Person(userSeqNo, text(personJson, "user_ci", where), userName, accounts));
    }
    return new Bank(institution, people, seq);
  }

  private static int positive(int value, String field) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
    return value;
  }
}
