package dev.weft.http;

import java.util.List;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Model-call tracing for OkHttp clients built by hand. With the Weft agent running, clients get it
 * without any code; these methods are for apps that want it explicit (or start the agent later):
 *
 * <pre>{@code
 * OkHttpClient client = WeftOkHttp.addTo(new OkHttpClient.Builder()).build();
 * }</pre>
 */
public final class WeftOkHttp {
  private static final String INTERCEPTOR_CLASS = WeftInterceptor.class.getName();

  private WeftOkHttp() {}

  /** Returns the interceptor to add first with {@code OkHttpClient.Builder.addInterceptor}. */
  public static Interceptor interceptor() {
    return new WeftInterceptor();
  }

  /**
   * Adds the interceptor as the builder's first, unless it has one already (as an application or
   * network interceptor, from any class loader); returns the builder.
   */
  public static OkHttpClient.Builder addTo(OkHttpClient.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    if (!has(builder.interceptors()) && !has(builder.networkInterceptors())) {
      builder.interceptors().add(0, new WeftInterceptor());
    }
    return builder;
  }

  /** Called by the agent, through the loader it defines these classes in, before a client is built. */
  static void beforeBuild(Object builder) {
    if (builder instanceof OkHttpClient.Builder) {
      addTo((OkHttpClient.Builder) builder);
    }
  }

  // By name: the app's own copy of this library and the agent's injected one are different classes.
  private static boolean has(List<Interceptor> interceptors) {
    for (Interceptor interceptor : interceptors) {
      if (interceptor != null && interceptor.getClass().getName().equals(INTERCEPTOR_CLASS)) {
        return true;
      }
    }
    return false;
  }
}
