package dev.weft.agent.it.app;

import dev.weft.Op;

/** Runs from inside a Spring Boot executable jar, loaded by Spring Boot's own class loader. */
public class BootApp {

  @Op
  String handle(String request) {
    return normalize(request) + "!";
  }

  @Op
  static String normalize(String text) {
    return text.trim().toUpperCase();
  }

  public static void main(String[] args) {
    System.out.println("loader=" + BootApp.class.getClassLoader().getClass().getSimpleName());
    System.out.println(new BootApp().handle("  boot  "));
  }
}
