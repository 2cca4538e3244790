package io.shpay.common.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hides account numbers in text meant for people outside the bank: all but the last four digits. */
public final class AccountMasks {

  // Runs of 6+ digits, optionally with dashes (Korean account numbers are 10–14 digits, often dashed).
  private static final Pattern ACCOUNT_LIKE = Pattern.compile("\\d[\\d-]{4,}\\d");
  /** Compiled once: every payment event masks its account number, and String.replaceAll compiles on every call. */
  private static final Pattern NOT_DIGIT_OR_STAR = Pattern.compile("[^0-9*]");

  private AccountMasks() {}

  /** {@code 3021234567891} → {@code *********7891}; an already masked number comes back unchanged. */
  public static String mask(String accountNumber) {
    if (accountNumber == null) {
      return null;
    }
    String digits = NOT_DIGIT_OR_STAR.matcher(accountNumber).replaceAll("");
    if (digits.length() <= 4) {
      return "*".repeat(digits.length());
    }
    return "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
  }

  /** {@code text} with every account-like digit run masked. */
  public static String maskWithin(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = ACCOUNT_LIKE.matcher(text);
    StringBuilder masked = new StringBuilder();
    while (matcher.find()) {
      String run = matcher.group();
      long digits = run.chars().filter(Character::isDigit).count();
      matcher.appendReplacement(masked, digits >= 6 ? Matcher.quoteReplacement(mask(run)) : run);
    }
    matcher.appendTail(masked);
    return masked.toString();
  }
}
