package dev.weft.agent.core;

/**
 * Where traces go: the backend's URL and the {@code team/project}, which {@code Weft.init} may set after
 * start-up. Also makes the links printed for root calls.
 */
public final class Destination {
  /** The project used when none is configured; the local server accepts it as is. */
  static final String DEFAULT_PROJECT = "weft/default";
  private static final String WANDB_UI = "https://wandb.ai";

  private final String traceUrl;
  private final boolean wandbCloud;
  private volatile String project;

  Destination(String traceUrl, boolean wandbCloud, String project) {
    this.traceUrl = traceUrl;
    this.wandbCloud = wandbCloud;
    this.project = project;
  }

  String traceUrl() {
    return traceUrl;
  }

  /** The configured project, or null when none was given. */
  String projectOrNull() {
    return project;
  }

  String project() {
    String p = project;
    return p == null ? DEFAULT_PROJECT : p;
  }

  void setProject(String project) {
    this.project = project;
  }

  /** The UI base: wandb.ai for W&B's cloud, else the backend itself (the local server serves its UI). */
  String uiUrl() {
    return wandbCloud ? WANDB_UI : traceUrl;
  }

  /** Weave's call link; the local UI uses the same path. */
  String callLink(String spanId) {
    return uiUrl() + "/" + project() + "/r/call/" + spanId;
  }

  String projectLink() {
    return wandbCloud ? WANDB_UI + "/" + project() + "/weave" : traceUrl + "/" + project();
  }
}
