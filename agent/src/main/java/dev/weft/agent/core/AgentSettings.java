package dev.weft.agent.core;

/**
 * The agent's first step: read the settings, before the agent changes anything in the JVM. Kept apart
 * from {@link AgentCore}, whose linking needs the bootstrap bridge to be in place already.
 */
public final class AgentSettings {
  private AgentSettings() {}

  /**
   * Reads the settings; null when tracing is off, because it is disabled or a setting is bad (which
   * prints one line naming the key). Called before the agent touches the JVM.
   */
  public static Object load(String agentArgs) {
    try {
      Settings settings = Settings.fromEnvironment(agentArgs);
      return settings.enabled() ? settings : null;
    } catch (SettingsException e) {
      System.err.println(e.getMessage() + " (tracing is off)");
      return null;
    }
  }

}
