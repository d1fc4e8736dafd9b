package dev.weft.agent.core;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The agent's log: java.util.logging under the name {@code dev.weft}, one line per message on stderr
 * (never stdout, which belongs to the app), and a once-only form for failures on hot paths.
 */
public final class AgentLog {
  private static final Logger logger = Logger.getLogger("dev.weft");
  private static final Set<String> said = ConcurrentHashMap.newKeySet();
  private static volatile boolean debug;

  static {
    logger.setUseParentHandlers(false);
    logger.addHandler(new OneLineHandler(System.err));
    logger.setLevel(Level.INFO);
  }

  private AgentLog() {}

  static void setDebug(boolean on) {
    debug = on;
    logger.setLevel(on ? Level.FINE : Level.INFO);
  }

  /** An informational line, e.g. where traces go. */
  public static void info(String message) {
    logger.info(message);
  }

  /** A warning line. */
  public static void warn(String message) {
    logger.warning(message);
  }

  /** A line only shown with {@code weft.debug=true}. */
  public static void debug(String message) {
    logger.fine(message);
  }

  /**
   * A warning printed straight to stderr: java.util.logging's own shutdown hook may already have removed
   * every handler when the agent reports at JVM exit.
   */
  public static void warnAtExit(String message) {
    System.err.println("weft: WARNING " + message);
  }

  /** Logs {@code message} the first time {@code key} is seen, then stays quiet about it. */
  public static void warnOnce(String key, String message, Throwable t) {
    if (said.add(key)) {
      logger.log(Level.WARNING, message + (t == null ? "" : ": " + t), debug ? t : null);
    }
  }

  /** Prints exactly one line, prefixed {@code weft:} unless the message already is. */
  private static final class OneLineHandler extends Handler {
    private final PrintStream out;

    OneLineHandler(PrintStream out) {
      this.out = out;
    }

    @Override
    public void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      String message = record.getMessage();
      StringBuilder line = new StringBuilder();
      if (!message.startsWith("weft:")) {
        line.append("weft: ");
      }
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        line.append("WARNING ");
      }
      line.append(message);
      out.println(line);
      if (record.getThrown() != null) {
        record.getThrown().printStackTrace(out);
      }
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
