/**
 * Not public API. Pure mapping of OpenAI-style model calls (JSON and SSE) to span attributes: no
 * transport, no spans. The HTTP interceptors feed it what they see on the wire; tests feed it
 * fixtures. Loaded by the agent's own class loader; Jackson core is its only dependency.
 */
package dev.weft.agent.llm;
