/**
 * Not public API. The tracing core: settings, the calls-to-spans logic shared by advice and the facade,
 * JSON capture and redaction, and the export pipeline. Loaded by the agent's own class loader.
 */
package dev.weft.agent.core;
