/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.processor.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tokenmeter.processor.otlp.BearerAuth;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves {@code /api/v1/*} on the metrics port: checks the bearer token, routes, and is the one
 * place that turns failures into HTTP statuses ({@link ApiException} as given, anything else 500
 * with a terse body and the stack trace only in the log).
 */
public final class ApiHandler implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());

  /** One endpoint. */
  @FunctionalInterface
  interface Endpoint {
    void handle(ApiExchange ex) throws Exception;
  }

  private final BearerAuth auth;
  private final Map<String, Endpoint> routes;

  public ApiHandler(String authToken, BudgetEndpoints budgets, UsageEndpoints usage) {
    this.auth = new BearerAuth(authToken);
    this.routes =
        Map.of(
            "/api/v1/budgets", budgets::list,
            "/api/v1/budgets/check", budgets::check,
            "/api/v1/usage", usage::usage,
            "/api/v1/sessions/top", usage::topSessions);
  }

  @Override
  public void handle(HttpExchange http) throws IOException {
    ApiExchange ex = new ApiExchange(http);
    try (http) {
      try {
        if (!auth.allows(http.getRequestHeaders().getFirst("Authorization"))) {
          throw new ApiException(401, "missing or wrong bearer token");
        }
        String path = http.getRequestURI().getPath();
        Endpoint endpoint =
            routes.get(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        if (endpoint == null) {
          throw new ApiException(404, "no such endpoint: " + path);
        }
        if (!"GET".equals(http.getRequestMethod())) {
          http.getResponseHeaders().set("Allow", "GET");
          throw new ApiException(405, "only GET is supported");
        }
        ex.parseQuery();
        endpoint.handle(ex);
        ex.finish();
      } catch (ApiException e) {
        ex.error(e.status, e.getMessage());
      } catch (Exception e) {
        LOG.log(Level.WARNING, "API request failed: " + http.getRequestURI(), e);
        ex.error(500, "internal error");
      }
    }
  }
}
