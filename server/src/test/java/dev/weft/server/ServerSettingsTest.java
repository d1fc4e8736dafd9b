package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

  @Test
  void defaultsAreALocalServerOnPort6345StoringInHomeDotWeft() throws Exception {
    ServerConfig config = ServerSettings.parse(new String[0], Map.of(), Map.of());

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(6345);
    assertThat(config.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".weft"));
    assertThat(config.databaseUrl()).isEqualTo("jdbc:sqlite:" + Path.of(System.getProperty("user.home"), ".weft", "weft.db"));
    assertThat(config.apiKeys()).isEmpty();
    assertThat(config.retentionDays()).isZero();
    assertThat(config.maxBodyBytes()).isEqualTo(32 * 1024 * 1024);
  }

  @Test
  void flagsWinOverSystemPropertiesWhichWinOverTheEnvironment() throws Exception {
    ServerConfig config = ServerSettings.parse(new String[] {"--port", "7000", "--host=0.0.0.0"},
        Map.of("weft.server.port", "7001", "weft.server.data.dir", "/tmp/from-property"),
        Map.of("WEFT_SERVER_PORT", "7002", "WEFT_SERVER_DATA_DIR", "/tmp/from-env", "WEFT_SERVER_API_KEY", "k1, k2",
            "WEFT_SERVER_RETENTION_DAYS", "30", "WEFT_SERVER_MAX_BODY_MB", "8"));

    assertThat(config.port()).isEqualTo(7000);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/from-property"));
    assertThat(config.apiKeys()).isEqualTo(List.of("k1", "k2"));
    assertThat(config.retentionDays()).isEqualTo(30);
    assertThat(config.maxBodyBytes()).isEqualTo(8 * 1024 * 1024);
  }

  @Test
  void aDatabaseUrlReplacesTheEmbeddedStoreAndNeverPrints() throws Exception {
    ServerConfig config = ServerSettings.parse(new String[] {"--db", "jdbc:postgresql://db:5432/weft?password=secret"},
        Map.of(), Map.of());

    assertThat(config.databaseUrl()).isEqualTo("jdbc:postgresql://db:5432/weft?password=secret");
    assertThat(config.toString()).doesNotContain("secret").contains("db=OBFUSCATED");
  }

  @Test
  void badSettingsNameTheFlagAndWhatIsAccepted() {
    assertBad(new String[] {"--prot", "1"}, Map.of(),
        "unknown flag --prot (flags: --host, --port, --data-dir, --db, --api-key, --retention-days, --max-body-mb, --prices)");
    assertBad(new String[] {"--port", "http"}, Map.of(), "--port must be a whole number 0..65535, got 'http'");
    assertBad(new String[] {"--port"}, Map.of(), "--port needs a value");
    assertBad(new String[] {"serve"}, Map.of(), "unexpected argument 'serve'; flags start with --");
    assertBad(new String[] {"--db", "postgres://x/y?password=p"}, Map.of(),
        "--db must be a JDBC URL jdbc:postgresql://HOST:PORT/DB (or jdbc:sqlite:FILE), got 'postgres://x/y'");
    assertBad(new String[0], Map.of("WEFT_SERVER_RETENTION_DAYS", "-1"),
        "--retention-days must be a whole number 0..36500, got '-1'");
    assertBad(new String[] {"--api-key", "a,,b"}, Map.of(), "--api-key has an empty key in its comma-separated list");
    assertBad(new String[] {"--prices", "/no/such/prices.json"}, Map.of(),
        "--prices must be a readable JSON file, got '/no/such/prices.json'");
  }

  static void assertBad(String[] args, Map<String, String> env, String message) {
    assertThatThrownBy(() -> ServerSettings.parse(args, Map.of(), env))
        .isInstanceOf(ServerSettings.BadSetting.class).hasMessage(message);
  }
}
