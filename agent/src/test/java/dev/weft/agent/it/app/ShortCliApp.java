package dev.weft.agent.it.app;

import dev.weft.Op;

/** A short command-line run: a few nested ops, a line of output, a chosen exit code. */
public class ShortCliApp {

  @Op
  static int step(int i) {
    return i * i;
  }

  @Op
  static int job(int steps) {
    int sum = 0;
    for (int i = 0; i < steps; i++) {
      sum += step(i);
    }
    return sum;
  }

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    System.out.println("sum=" + job(steps));
    System.exit(args.length > 1 ? Integer.parseInt(args[1]) : 0);
  }
}
