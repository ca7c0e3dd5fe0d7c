/**
 * The names Tokenmeter's parts agree on: span attributes, agent metrics, Prometheus families and
 * labels, each spelled once, and the rule for a billable LLM call. Described in docs/contract.md.
 */
package io.tokenmeter.contract;
