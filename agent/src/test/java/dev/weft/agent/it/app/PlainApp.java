package dev.weft.agent.it.app;

/** No annotations: traced only through {@code weft.ops.include}. */
public class PlainApp {

  static int compute(int x) {
    return helper(x) + 1;
  }

  static int helper(int x) {
    return x * 10;
  }

  public static void main(String[] args) {
    System.out.println("compute=" + compute(4));
  }
}
