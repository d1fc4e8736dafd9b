package dev.weft.agent.it.app;

import dev.weft.Op;
import dev.weft.Weft;

/** Uses {@code Weft.init} the way a Weave user writes {@code weave.init}, with no {@code -javaagent}. */
public class InitApp {

  @Op
  static String greet(String name) {
    return "hello " + name;
  }

  public static void main(String[] args) {
    System.out.println("before=" + Weft.isActive());
    Weft.init("team/init");
    System.out.println("after=" + Weft.isActive());
    System.out.println(greet("init"));
    System.out.println("call=" + Weft.currentCall().isValid());
  }
}
