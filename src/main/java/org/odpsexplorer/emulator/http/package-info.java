/**
 * The emulator's HTTP plumbing on Jetty 12 core: raw-target parsing, authentication, fault injection, route
 * registration ({@link org.odpsexplorer.emulator.http.RouteGroup}) and the two error shapes (XML on the API endpoint,
 * JSON on the tunnel endpoint). Knows nothing about storage.
 */
@NullMarked
package org.odpsexplorer.emulator.http;

import org.jspecify.annotations.NullMarked;
