package dev.weft.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the server's settings: flags {@code --name value} (or {@code --name=value}), else system
 * property {@code weft.server.name} (dashes to dots), else environment {@code WEFT_SERVER_NAME}
 * (dashes to underscores), else the default. A bad value is one line naming the setting.
 */
final class ServerSettings {

  static final List<String> NAMES = List.of("host", "port", "data-dir", "db", "api-key",
      "retention-days", "max-body-mb", "prices");

  static final String USAGE = "usage: java -jar weft-server.jar [--host 127.0.0.1] [--port 6345]"
      + " [--data-dir ~/.weft] [--db jdbc:postgresql://HOST/DB?user=U&password=P]"
      + " [--api-key KEY[,KEY2]] [--retention-days 0] [--max-body-mb 32] [--prices FILE]";

  private ServerSettings() {}

  /** A setting that cannot be used; the message names it. */
  static final class BadSetting extends Exception {
    private static final long serialVersionUID = 1L;

    BadSetting(String message) {
      super(message, null, false, false);
    }
  }

  static ServerConfig parse(String[] args, Map<String, String> properties, Map<String, String> env)
      throws BadSetting {
    Map<String, String> values = flags(args);
    for (String name : NAMES) {
      if (!values.containsKey(name)) {
        String value = properties.get("weft.server." + name.replace('-', '.'));
        if (value == null) {
          value = env.get("WEFT_SERVER_" + name.replace('-', '_').toUpperCase(Locale.ROOT));
        }
        if (value != null) {
          values.put(name, value);
        }
      }
    }
    return config(values);
  }

  private static Map<String, String> flags(String[] args) throws BadSetting {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new BadSetting("unexpected argument '" + arg + "'; flags start with --");
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (!NAMES.contains(name)) {
        throw new BadSetting("unknown flag --" + name + " (flags: --" + String.join(", --", NAMES) + ")");
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new BadSetting("--" + name + " needs a value");
        }
        value = args[++i];
      }
      values.put(name, value);
    }
    return values;
  }

  private static ServerConfig config(Map<String, String> values) throws BadSetting {
    ServerConfig.Builder builder = ServerConfig.builder();
    if (values.containsKey("host")) {
      builder.setHost(nonEmpty(values, "host"));
    }
    if (values.containsKey("port")) {
      builder.setPort(number(values, "port", 0, 65535));
    }
    if (values.containsKey("data-dir")) {
      builder.setDataDir(Path.of(expandHome(nonEmpty(values, "data-dir"))));
    }
    if (values.containsKey("db")) {
      String db = nonEmpty(values, "db");
      if (!db.startsWith("jdbc:postgresql:") && !db.startsWith("jdbc:sqlite:")) {
        throw new BadSetting("--db must be a JDBC URL jdbc:postgresql://HOST:PORT/DB"
            + " (or jdbc:sqlite:FILE), got '" + db.split("\\?")[0] + "'");
      }
      builder.setDatabaseUrl(db);
    }
    if (values.containsKey("api-key")) {
      for (String key : nonEmpty(values, "api-key").split(",")) {
        if (key.isBlank()) {
          throw new BadSetting("--api-key has an empty key in its comma-separated list");
        }
        builder.addApiKey(key.trim());
      }
    }
    if (values.containsKey("retention-days")) {
      builder.setRetentionDays(number(values, "retention-days", 0, 36_500));
    }
    if (values.containsKey("max-body-mb")) {
      builder.setMaxBodyBytes(number(values, "max-body-mb", 1, 1024) * 1024 * 1024);
    }
    if (values.containsKey("prices")) {
      Path prices = Path.of(expandHome(nonEmpty(values, "prices")));
      if (!prices.toFile().isFile()) {
        throw new BadSetting("--prices must be a readable JSON file, got '" + prices + "'");
      }
      builder.setPricesFile(prices);
    }
    return builder.build();
  }

  private static String nonEmpty(Map<String, String> values, String name) throws BadSetting {
    String value = values.get(name).trim();
    if (value.isEmpty()) {
      throw new BadSetting("--" + name + " must not be empty");
    }
    return value;
  }

  private static int number(Map<String, String> values, String name, int min, int max)
      throws BadSetting {
    String value = nonEmpty(values, name);
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadSetting("--" + name + " must be a whole number " + min + ".." + max + ", got '"
        + value + "'");
  }

  private static String expandHome(String path) {
    return path.equals("~") || path.startsWith("~/")
        ? System.getProperty("user.home") + path.substring(1) : path;
  }
}
