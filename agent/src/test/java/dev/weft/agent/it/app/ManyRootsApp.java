package dev.weft.agent.it.app;

import dev.weft.Op;

/** Many root calls with two children each, for sampling. */
public class ManyRootsApp {

  @Op
  static int root(int i) {
    return child(i) + child(i + 1);
  }

  @Op
  static int child(int i) {
    return i;
  }

  public static void main(String[] args) {
    long sum = 0;
    for (int i = 0; i < 200; i++) {
      sum += root(i);
    }
    System.out.println("sum=" + sum);
  }
}
