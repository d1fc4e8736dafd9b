package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiRoutesTest {

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theAgentsCallLinkPathServesTheUi() {
    HttpResponse<byte[]> response = server.send(server.request("/team/proj/r/call/00f067aa0ba902b7").GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(TestServer.text(response)).contains("<script type=\"module\" src=\"/assets/app.js\"></script>");
  }

  @Test
  void everyPageOfTheUiServesTheApp() {
    for (String path : new String[] {"/", "/team/proj", "/team/proj/", "/team/proj/usage",
        "/team/proj/traces/4bf92f3577b34da6a3ce929d0e0e4736", "/weft/default/r/call/abc", "/team/proj/evaluations",
        "/team/proj/evaluations/00f067aa0ba902b7", "/team/proj/evaluations/compare", "/team/proj/leaderboard"}) {
      HttpResponse<byte[]> response = server.send(server.request(path).GET());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(TestServer.text(response)).as(path).startsWith("<!doctype html>");
    }
  }

  @Test
  void assetsAreServedWithTheirTypesFromTheJar() {
    for (String[] asset : new String[][] {{"app.js", "text/javascript; charset=utf-8"},
        {"style.css", "text/css; charset=utf-8"}, {"favicon.svg", "image/svg+xml"}}) {
      HttpResponse<byte[]> response = server.send(server.request("/assets/" + asset[0]).GET());
      assertThat(response.statusCode()).as(asset[0]).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).as(asset[0]).hasValue(asset[1]);
      assertThat(response.body().length).as(asset[0]).isGreaterThan(100);
    }
  }

  @Test
  void everyModuleTheAppImportsIsServed() {
    String[] modules = {"app.js", "dom.js", "api.js", "projects.js", "calls.js", "trace.js", "detail.js", "json.js",
        "chat.js", "usage.js", "evals.js", "compare.js", "leaderboard.js", "metrics.js"};
    for (String module : modules) {
      String source = TestServer.text(server.send(server.request("/assets/" + module).GET()));
      java.util.regex.Matcher imports = java.util.regex.Pattern.compile("from '\\./([a-z]+\\.js)'").matcher(source);
      while (imports.find()) {
        assertThat(modules).as(module + " imports " + imports.group(1)).contains(imports.group(1));
      }
    }
  }

  @Test
  void pathsThatAreNoPageAre404() {
    for (String path : new String[] {"/team", "/team/proj/r/call", "/team/proj/whatever", "/assets/../pom.xml",
        "/team/proj/leaderboard/x", "/team/proj/evaluations/a/b",
        "/assets/missing.js", "/team/proj/r/call/a/b"}) {
      assertThat(server.send(server.request(path).GET()).statusCode()).as(path).isEqualTo(404);
    }
  }
}
