package io.shpay.common.db;

import io.vertx.sqlclient.Tuple;

import java.util.List;

/**
 * The values of an {@code IN (…)} list, padded (repeating the last value) to the next power of two, so a statement
 * taking lists of any length up to 2<sup>n</sup> has at most n + 1 shapes and each stays prepared on its connection.
 * Repeating a value changes nothing an {@code IN} matches.
 */
public final class PaddedInList {

  private PaddedInList() {}

  /** The {@code ?, ?, …} to put between the parentheses for {@code count} values. */
  public static String placeholders(int count) {
    int width = width(count);
    StringBuilder marks = new StringBuilder(width * 3);
    for (int i = 0; i < width; i++) {
      marks.append(i == 0 ? "?" : ", ?");
    }
    return marks.toString();
  }

  /** Adds {@code values}, padded as {@link #placeholders} counts them, to {@code tuple}. */
  public static Tuple addTo(Tuple tuple, List<?> values) {
    int width = width(values.size());
    for (int i = 0; i < width; i++) {
      tuple.addValue(values.get(Math.min(i, values.size() - 1)));
    }
    return tuple;
  }

  private static int width(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("an IN list needs at least one value");
    }
    int width = Integer.highestOneBit(count);
    return width == count ? width : width << 1;
  }
}
