package io.shpay.sandbox.nh;

import io.shpay.sandbox.KoreanWire;
import io.shpay.sandbox.Seeds;
import io.shpay.sandbox.Seeds.Source;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.shpay.sandbox.Seeds.matching;
import static io.shpay.sandbox.Seeds.required;
import static io.shpay.sandbox.Seeds.text;

/**
 * Builds the sandbox bank from the seed JSON (see {@code conf/sandbox/nh-seed.json}), which
 * {@link Seeds} finds and reads; a broken seed stops the sandbox with a message naming the field.
 * Blocking: call it off the event loop.
 *
 * <p>History lines are written in the seed as days before the start ({@code daysAgo}, at least 1)
 * and a time, so the same seed gives the same history relative to any start day, and the
 * sandbox's own transfers always come after it. Balances after each line are worked out backwards
 * from the seeded balance, which is the balance today.
 */
final class SeedLoader {

  static final String DEFAULT_LOCATION = "conf/sandbox/nh-seed.json";

  private static final Logger LOG = LoggerFactory.getLogger(SeedLoader.class);
  private static final Pattern BANK_CODE = Pattern.compile("01[12]");
  private static final Pattern ACCOUNT_NUMBER = Pattern.compile("\\d{6,20}");
  private static final Pattern BUSINESS_NUMBER = Pattern.compile("\\d{10}");
  private static final int MAX_DAYS_AGO = 365;

  private SeedLoader() {
  }

  /** A seeded line before its balance and order are known. */
  private record Entry(LocalDateTime at, boolean deposit, long amount, String summary) {
  }

  static Bank load(Path seedFile, String iscd, LocalDate today) {
    Source source = Seeds.read(seedFile, DEFAULT_LOCATION, "NH");
    Bank bank = Seeds.parse(source, "NH", seed -> parse(seed, iscd, today));
    LOG.info("NH sandbox seeded from {}: {} accounts", source.name(), bank.accounts().size());
    return bank;
  }

  static Bank parse(JsonObject seed, String iscd, LocalDate today) {
    JsonArray accountsJson = required(seed.getJsonArray("accounts"), "accounts");
    Set<String> seen = new HashSet<>();
    List<Ledger> ledgers = new ArrayList<>();
    List<List<Entry>> histories = new ArrayList<>();
    int settlements = 0;
    for (int i = 0; i < accountsJson.size(); i++) {
      String where = "accounts[" + i + "]";
      JsonObject json = accountsJson.getJsonObject(i);
      String bankCode = matching(json, "bankCode", BANK_CODE, where);
      String accountNumber = matching(json, "accountNumber", ACCOUNT_NUMBER, where);
      if (!seen.add(bankCode + '/' + accountNumber)) {
        throw new IllegalArgumentException(where + ".accountNumber " + accountNumber + " appears twice at bank " + bankCode);
      }
      Account account = new Account(bankCode, accountNumber, birthDate(json, where), text(json, "holderName", where));
      long balance = required(json.getLong("balance"), where + ".balance");
      if (balance < 0) {
        throw new IllegalArgumentException(where + ".balance must not be negative, got " + balance);
      }
      boolean settlement = json.getBoolean("settlement", false);
      settlements += settlement ? 1 : 0;
      ledgers.add(new Ledger(account, settlement, balance));
      histories.add(history(json.getJsonArray("history", new JsonArray()), where, today));
    }
    if (settlements != 1) {
      throw new IllegalArgumentException("exactly one account must have \"settlement\": true (SH Pay's own account at NH), found "
          + settlements);
    }

    long seq = 1;
    for (int i = 0; i < ledgers.size(); i++) {
      seq = write(ledgers.get(i), histories.get(i), "accounts[" + i + "].history", seq);
    }
    return new Bank(ledgers, iscd, seq);
  }

  private static List<Entry> history(JsonArray lines, String where, LocalDate today) {
    List<Entry> entries = new ArrayList<>();
    for (int j = 0; j < lines.size(); j++) {
      String at = where + ".history[" + j + "]";
      JsonObject line = lines.getJsonObject(j);
      int daysAgo = required(line.getInteger("daysAgo"), at + ".daysAgo");
      if (daysAgo < 1 || daysAgo > MAX_DAYS_AGO) {
        throw new IllegalArgumentException(at + ".daysAgo must be 1 to " + MAX_DAYS_AGO + ", got " + daysAgo);
      }
      LocalTime time;
      try {
        time = LocalTime.parse(text(line, "time", at), KoreanWire.TIME);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(at + ".time must be HHmmss, got " + line.getString("time"));
      }
      String type = text(line, "type", at);
      if (!type.equals("deposit") && !type.equals("withdrawal")) {
        throw new IllegalArgumentException(at + ".type must be deposit or withdrawal, got " + type);
      }
      long amount = required(line.getLong("amount"), at + ".amount");
      if (amount <= 0) {
        throw new IllegalArgumentException(at + ".amount must be positive, got " + amount);
      }
      entries.add(new Entry(today.minusDays(daysAgo).atTime(time), type.equals("deposit"), amount,
          text(line, "summary", at)));
    }
    entries.sort(Comparator.comparing(Entry::at)); // stable: lines of the same second keep seed order
    return entries;
  }

  /** Writes the lines oldest first with after-balances that end at the seeded balance; returns the next seq. */
  private static long write(Ledger ledger, List<Entry> entries, String where, long firstSeq) {
    long[] after = new long[entries.size()];
    long balance = ledger.balance();
    for (int k = entries.size() - 1; k >= 0; k--) {
      after[k] = balance;
      Entry entry = entries.get(k);
      balance = entry.deposit() ? balance - entry.amount() : balance + entry.amount();
      if (balance < 0) {
        throw new IllegalArgumentException(where + " would start below zero before the line at " + entry.at()
            + "; raise the balance or trim the deposits");
      }
    }
    long seq = firstSeq;
    for (int k = 0; k < entries.size(); k++) {
      Entry entry = entries.get(k);
      ledger.write(new HistoryLine(seq++, entry.at(), entry.deposit(), entry.amount(), after[k], entry.summary(), ""));
    }
    return seq;
  }

  private static String birthDate(JsonObject json, String where) {
    String value = text(json, "birthDate", where);
    if (BUSINESS_NUMBER.matcher(value).matches()) {
      return value;
    }
    try {
      Wire.date(value, where + ".birthDate");
      return value;
    } catch (NhError e) {
      throw new IllegalArgumentException(where + ".birthDate must be yyyyMMdd or a 10-digit business number, got "
          + value);
    }
  }
}
