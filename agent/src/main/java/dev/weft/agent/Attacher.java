package dev.weft.agent;

import com.sun.tools.attach.VirtualMachine;

/** Loads the agent into another JVM by process id; run as a helper process by {@link WeftAgent#attach}. */
public final class Attacher {
  private Attacher() {}

  /** {@code Attacher <pid> <agent jar> <agent arguments>}. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Attacher <pid> <agent jar> [agent arguments]");
      System.exit(2);
    }
    attach(args[0], args[1], args.length > 2 ? args[2] : "");
  }

  static void attach(String pid, String jar, String agentArgs) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(pid);
    try {
      vm.loadAgent(jar, agentArgs);
    } finally {
      vm.detach();
    }
  }
}
