package dev.weft.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Model calls over OkHttp 4.12 to {@link LlmStandIn} on loopback (a separate JVM; its URL comes in
 * {@value #URL}), one at a time on one kept-alive connection: a non-streaming chat call with a 1 KB and
 * a 100 KB request and reply, reading the whole reply; the time from {@code execute()} to the first
 * {@code data:} line of a streamed call (the server pauses before the rest, so holding the first event
 * back would show); and a whole streamed call read to its end. The agent, when present, adds its
 * interceptor to the client by itself. The client's sockets have {@code TCP_NODELAY}: with OkHttp's
 * default (Nagle's algorithm on) the last segment of a 100 KB request waits for the server's delayed
 * ACK, and most such calls take 40 ms more, in any configuration. The trial set-up fails unless the calls go as {@value #EXPECT_TRACED}
 * and {@value #EXPECT_USAGE} say.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LlmCallBenchmark {
  static final String URL = "weft.bench.llm.url";
  static final String EXPECT_TRACED = "weft.bench.llm.traced";
  static final String EXPECT_USAGE = "weft.bench.llm.usage";
  /** The pause after the first event of the stream timed to its first chunk. */
  static final int PAUSE_MICROS = 2000;

  private static final MediaType JSON = MediaType.get("application/json");

  private OkHttpClient client;
  private Request small;
  private Request large;
  private Request pacedStream;
  private Request stream;

  @Setup(Level.Trial)
  public void start() throws IOException {
    String url = System.getProperty(URL) + LlmBodies.PATH;
    client = new OkHttpClient.Builder().socketFactory(new NoDelaySockets()).build();
    small = post(url, LlmBodies.request(LlmBodies.SMALL, false)).build();
    large = post(url, LlmBodies.request(LlmBodies.LARGE, false)).build();
    stream = post(url, LlmBodies.request(LlmBodies.SMALL, true)).build();
    pacedStream = post(url, LlmBodies.request(LlmBodies.SMALL, true))
        .header(LlmStandIn.PAUSE_HEADER, Integer.toString(PAUSE_MICROS)).build();
    new LlmCallCheck(client).check(small, large, stream, Boolean.getBoolean(EXPECT_TRACED),
        Boolean.getBoolean(EXPECT_USAGE));
  }

  @Benchmark
  public int chat1k() throws IOException {
    return call(small);
  }

  @Benchmark
  public int chat100k() throws IOException {
    return call(large);
  }

  /** From {@code execute()} to the first {@code data:} line; the rest is read after the clock stops. */
  @Benchmark
  public String streamFirstChunk(OpenStream open) throws IOException {
    open.response = client.newCall(pacedStream).execute();
    BufferedSource source = open.response.body().source();
    for (String line; (line = source.readUtf8Line()) != null; ) {
      if (line.startsWith("data:")) {
        return line;
      }
    }
    throw new IOException("no data line in the stream");
  }

  /** A whole streamed call (no pause), read line by line to its end. */
  @Benchmark
  public int streamWhole() throws IOException {
    int events = 0;
    try (Response response = client.newCall(stream).execute()) {
      BufferedSource source = response.body().source();
      for (String line; (line = source.readUtf8Line()) != null; ) {
        if (line.startsWith("data:")) {
          events++;
        }
      }
    }
    return events;
  }

  private int call(Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return response.body().bytes().length;
    }
  }

  private static Request.Builder post(String url, byte[] body) {
    return new Request.Builder().url(url).post(RequestBody.create(body, JSON));
  }

  /** The streamed call {@code streamFirstChunk} left open, read to its end outside the timed part. */
  @State(Scope.Thread)
  public static class OpenStream {
    Response response;

    @TearDown(Level.Invocation)
    public void finish() throws IOException {
      if (response != null) {
        try (Response r = response) {
          r.body().source().readAll(okio.Okio.blackhole());
        }
        response = null;
      }
    }
  }

  /** Sockets with Nagle's algorithm off; OkHttp asks for unconnected ones and connects them itself. */
  static final class NoDelaySockets extends SocketFactory {
    @Override
    public Socket createSocket() throws IOException {
      Socket socket = new Socket();
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
