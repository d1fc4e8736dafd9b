package dev.weft.eval;

/** Waits between retries; tests give one that returns at once. */
interface Sleeper {
  Sleeper SYSTEM = Thread::sleep;

  void sleep(long millis) throws InterruptedException;
}
