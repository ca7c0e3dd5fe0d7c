/*
 * Copyright The Tokenmeter Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tokenmeter.contract;

/**
 * General OpenTelemetry semantic-convention attributes (outside {@code gen_ai.*}) that Tokenmeter
 * emits or reads.
 */
public final class OtelAttributes {
  public static final String SERVER_ADDRESS = "server.address";
  public static final String SERVER_PORT = "server.port";
  public static final String ERROR_TYPE = "error.type";

  /** The user a call is attributed to; also the default Baggage key the agent reads it from. */
  public static final String USER_ID = "user.id";

  /** The session a call is attributed to; also the default Baggage key the agent reads it from. */
  public static final String SESSION_ID = "session.id";

  /** The older spelling of the user, read after {@link #USER_ID}. */
  public static final String ENDUSER_ID = "enduser.id";

  /** The resource attribute naming the service. */
  public static final String SERVICE_NAME = "service.name";

  private OtelAttributes() {}
}
