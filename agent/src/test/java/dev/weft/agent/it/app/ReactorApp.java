package dev.weft.agent.it.app;

import dev.weft.Op;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code @Op} methods returning Reactor publishers, subscribed to after they returned, on Reactor's
 * schedulers. Prints what the subscribers saw, so runs with and without the agent can be compared.
 */
public final class ReactorApp {

  public static void main(String[] args) throws Exception {
    ReactorApp app = new ReactorApp();
    System.out.println("mono=" + app.answer("question").block(Duration.ofSeconds(30)));
    List<String> tokens = app.tokens().collectList().block(Duration.ofSeconds(30));
    System.out.println("flux=" + tokens);
    try {
      app.failing().block(Duration.ofSeconds(30));
    } catch (IllegalStateException e) {
      System.out.println("error=" + e.getMessage());
    }
    CountDownLatch subscribed = new CountDownLatch(1);
    Disposable pending = app.never().doOnSubscribe(s -> subscribed.countDown()).subscribe();
    subscribed.await(30, TimeUnit.SECONDS);
    pending.dispose();
    System.out.println("cancelled=" + pending.isDisposed());
    Schedulers.shutdownNow();
  }

  @Op
  Mono<String> answer(String question) {
    return Mono.fromCallable(() -> lookUp(question)).subscribeOn(Schedulers.boundedElastic());
  }

  @Op
  Flux<String> tokens() {
    return Flux.just("a", "b", "c").publishOn(Schedulers.parallel()).map(ReactorApp::token);
  }

  @Op
  Mono<String> failing() {
    return Mono.fromCallable(() -> {
      throw new IllegalStateException("no answer");
    });
  }

  @Op
  Mono<String> never() {
    return Mono.never();
  }

  @Op
  static String lookUp(String question) {
    return "answer to " + question;
  }

  @Op
  static String token(String t) {
    return t.toUpperCase();
  }
}
