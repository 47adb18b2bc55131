package org.odpsexplorer.emulator.http;

/**
 * A set of routes that plugs into the emulator's router: the extension point for new features.
 *
 * <p>To add a feature (tables and partitions, SQL instances, the tunnel), write a {@code RouteGroup} whose
 * {@link #register} calls {@link Routes#add} for each {@code (endpoint, method, pattern)} it serves, and add an
 * instance to the list of groups {@code EmulatorServer} builds. Nothing in {@link OdpsHandler} or {@link Routes}
 * needs editing. A later registration of the same endpoint, method and pattern replaces an earlier one, so a real
 * implementation registered after {@code PlaceholderRoutes} takes over its placeholder answers (404 for tables,
 * instances and tunnel calls).
 *
 * <p>Paths in patterns are relative to the endpoint: {@code /projects/{project}/tables/{table}} on
 * {@link Endpoint#API} matches {@code /api/projects/p/tables/t}; on {@link Endpoint#TUNNEL} it matches
 * {@code /projects/p/tables/t}. Requests reach a handler already authenticated ({@link Exchange#caller()}), with the
 * path percent-decoded and the query parsed.
 */
@FunctionalInterface
public interface RouteGroup {
    void register(Routes routes);
}
