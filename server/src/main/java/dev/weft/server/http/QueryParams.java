package dev.weft.server.http;

import dev.weft.server.store.CallQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query string parameters of the API, each checked with a clear 400 when wrong. */
final class QueryParams {

  private QueryParams() {}

  static CallQuery callQuery(Exchange exchange) throws HttpError {
    String status = exchange.query("status");
    if (status != null && !status.equals("success") && !status.equals("error")) {
      throw new HttpError(400, "status must be success or error, got '" + status + "'");
    }
    String sort = exchange.query("sort");
    boolean descending = true;
    CallQuery.Sort by = CallQuery.Sort.STARTED_AT;
    if (sort != null) {
      descending = sort.startsWith("-");
      String name = descending ? sort.substring(1) : sort;
      by = CallQuery.Sort.named(name);
      if (by == null) {
        throw new HttpError(400, "sort must be one of started_at, latency, tokens, cost, op_name"
            + " (prefix - for descending), got '" + sort + "'");
      }
    }
    return new CallQuery(exchange.query("op"), status, bool(exchange, "root"),
        time(exchange, "from"), time(exchange, "to"), exchange.query("q"),
        exchange.query("trace_id"), exchange.query("thread_id"), by, descending,
        integer(exchange, "limit", 50, 1, CallQuery.MAX_LIMIT),
        integer(exchange, "offset", 0, 0, Integer.MAX_VALUE));
  }

  static boolean bool(Exchange exchange, String name) throws HttpError {
    String value = exchange.query(name);
    if (value == null || value.equals("false") || value.equals("0")) {
      return false;
    }
    if (value.equals("true") || value.equals("1")) {
      return true;
    }
    throw new HttpError(400, name + " must be true or false, got '" + value + "'");
  }

  static int integer(Exchange exchange, String name, int fallback, int min, int max)
      throws HttpError {
    String value = exchange.query(name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new HttpError(400, name + " must be a whole number " + min + ".." + max + ", got '"
        + value + "'");
  }

  /** A time as ISO-8601 instant, a date (UTC midnight) or epoch milliseconds; in epoch nanos. */
  static Long time(Exchange exchange, String name) throws HttpError {
    String value = exchange.query(name);
    if (value == null) {
      return null;
    }
    try {
      if (value.chars().allMatch(Character::isDigit) && value.length() <= 15) {
        return Long.parseLong(value) * 1_000_000L;
      }
      Instant instant = value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
      return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new HttpError(400, name + " must be an ISO-8601 time (2025-01-31T12:00:00Z), a date"
          + " or epoch milliseconds, got '" + value + "'");
    }
  }
}
