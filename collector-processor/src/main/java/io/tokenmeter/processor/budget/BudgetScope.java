package io.tokenmeter.processor.budget;

import io.tokenmeter.processor.normalize.GenAiCall;
import java.util.Locale;
import java.util.Map;

/** What a budget counts: all calls, or the calls of one service, provider, model, user or agent. */
public enum BudgetScope {
  GLOBAL,
  SERVICE,
  PROVIDER,
  MODEL,
  USER,
  AGENT;

  /** The subject label of a global budget, which has exactly one subject. */
  public static final String GLOBAL_SUBJECT = "all";

  /** Returns the label value used in metrics, the API and the config. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the subject value of {@code call} under this scope, or null when the call has none. */
  public String valueOf(GenAiCall call) {
    return switch (this) {
      case GLOBAL -> GLOBAL_SUBJECT;
      case SERVICE -> call.service();
      case PROVIDER -> call.provider();
      case MODEL -> call.model();
      case USER -> call.user();
      case AGENT -> call.agent();
    };
  }

  /** Returns the subject value named by query parameters (scope label to value), or null. */
  public String valueOf(Map<String, String> params) {
    return this == GLOBAL ? GLOBAL_SUBJECT : params.get(label());
  }

  static BudgetScope parse(String label) {
    for (BudgetScope s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    return null;
  }
}
