import dev.weft.Op;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Raw OkHttp model calls, compiled against each OkHttp version: prints what it saw (bodies, stream
 * lines, status codes) to stdout, and the interceptors of its clients to stderr.
 * Args: base URL (http://127.0.0.1:PORT/v1).
 */
public class OkHttpApp {
  static final MediaType JSON = MediaType.parse("application/json");
  static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";
  static String base;

  public static void main(String[] args) throws Exception {
    base = args[0];
    OkHttpClient plain = new OkHttpClient();
    OkHttpClient built = new OkHttpClient.Builder().build();
    OkHttpClient copy = built.newBuilder().readTimeout(30, TimeUnit.SECONDS).build();
    Dispatcher one = new Dispatcher();
    one.setMaxRequests(1);
    OkHttpClient serial = copy.newBuilder().dispatcher(one).build();
    System.err.println("interceptors " + names(plain) + " " + names(built) + " " + names(copy) + " " + names(serial));
    System.out.println("okhttp=" + version());
    failing(plain);
    pipeline(built, copy, serial);
    models(plain);
    plain.dispatcher().executorService().shutdown();
    built.dispatcher().executorService().shutdown();
    one.executorService().shutdown();
  }

  @Op
  static void failing(OkHttpClient client) throws IOException {
    try (Response response = client.newCall(chat("Tell me a joke.", false, false)).execute()) {
      System.out.println("failing: " + response.code() + " " + response.body().string());
    }
  }

  @Op
  static void pipeline(OkHttpClient sync, OkHttpClient stream, OkHttpClient serial) throws Exception {
    syncCall(sync);
    streamed(stream, false);
    streamed(stream, true);
    closedEarly(stream);
    enqueued(serial);
  }

  @Op
  static void syncCall(OkHttpClient client) throws IOException {
    try (Response response = client.newCall(chat("Tell me a joke.", false, false)).execute()) {
      ResponseBody body = response.body();
      System.out.println("sync: " + response.code() + " " + body.contentType() + " length=" + body.contentLength()
          + " " + body.string());
    }
  }

  @Op
  static void streamed(OkHttpClient client, boolean includeUsage) throws IOException {
    try (Response response = client.newCall(chat("What is the capital of France?", true, includeUsage)).execute()) {
      ResponseBody body = response.body();
      System.out.println("stream(usage=" + includeUsage + "): " + response.code() + " " + body.contentType()
          + " length=" + body.contentLength());
      BufferedSource source = body.source();
      for (String line; (line = source.readUtf8Line()) != null; ) {
        System.out.println("  | " + line);
      }
    }
  }

  @Op
  static void closedEarly(OkHttpClient client) throws IOException {
    try (Response response = client.newCall(chat("Count to ten.", true, false)).execute()) {
      System.out.println("early: " + response.body().source().readUtf8Line());
    }
  }

  @Op
  static void enqueued(OkHttpClient client) throws Exception {
    String[] seen = new String[2];
    CountDownLatch done = new CountDownLatch(2);
    enqueue(client, "Tell me a joke.", seen, 0, done);
    enqueueLater(client, seen, done);
    if (!done.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("async calls did not finish");
    }
    System.out.println("async[0]: " + seen[0]);
    System.out.println("async[1]: " + seen[1]);
  }

  /** Queued behind the first call (max 1 request): the dispatcher starts it from another thread. */
  @Op
  static void enqueueLater(OkHttpClient client, String[] seen, CountDownLatch done) {
    enqueue(client, "What is the capital of France?", seen, 1, done);
  }

  static void enqueue(OkHttpClient client, String question, String[] seen, int slot, CountDownLatch done) {
    client.newCall(chat(question, false, false)).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        seen[slot] = "failed " + e;
        done.countDown();
      }

      @Override
      public void onResponse(Call call, Response response) throws IOException {
        try (Response r = response) {
          seen[slot] = r.code() + " " + r.body().string();
        }
        done.countDown();
      }
    });
  }

  static void models(OkHttpClient client) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(base + "/models")
        .header("Authorization", "Bearer sk-very-secret-okhttp").build()).execute()) {
      String body = response.body().string();
      System.out.println("models: " + response.code() + " " + body.length() + " chars");
    }
  }

  static Request chat(String question, boolean stream, boolean includeUsage) {
    String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]"
        + (stream ? ",\"stream\":true" : "")
        + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
    return new Request.Builder().url(base + "/chat/completions")
        .header("Authorization", "Bearer sk-very-secret-okhttp")
        .header("OpenAI-Project", "team/okhttp")
        .post(RequestBody.create(JSON, body))
        .build();
  }

  static List<String> names(OkHttpClient client) {
    List<String> names = new ArrayList<>();
    for (Interceptor interceptor : client.interceptors()) {
      names.add(interceptor.getClass().getName());
    }
    return names;
  }

  static String version() {
    try {
      return (String) Class.forName("okhttp3.internal.Version").getMethod("userAgent").invoke(null);
    } catch (ReflectiveOperationException e) {
      try {
        return "okhttp/" + Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);
      } catch (ReflectiveOperationException e2) {
        return "unknown";
      }
    }
  }
}
